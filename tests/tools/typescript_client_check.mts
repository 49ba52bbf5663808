// A new integrator's first tasks in TypeScript: types generated from the committed OpenAPI
// document by openapi-typescript, calls made with openapi-fetch, nothing edited. The test
// compiles this file with `tsc --strict` against the generated types (so every path, parameter
// and body here must exist as documented) and runs it against a real server:
//
//     node typescript_client_check.mjs BASE_URL EMAIL PASSWORD

import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";

type Schemas = components["schemas"];

const [baseUrl, email, password] = process.argv.slice(2);

/** The answer has `status` and a body; anything else stops the script. */
function expect<T>(
  what: string,
  result: { data?: T; error?: unknown; response: Response },
  status: number,
): T {
  if (result.response.status !== status || result.data === undefined) {
    throw new Error(
      `${what}: ${result.response.status} ${JSON.stringify(result.error ?? result.data)}`,
    );
  }
  return result.data;
}

const anonymous = createClient<paths>({ baseUrl });
const signedIn = expect(
  "sign in",
  await anonymous.POST("/api/v1/auth/login", { body: { email, password } }),
  200,
);
const client = createClient<paths>({
  baseUrl,
  headers: { Authorization: `Bearer ${signedIn.token}` },
});

// Organisations: create one, find it in the list.
const organisation: Schemas["Organisation"] = expect(
  "create organisation",
  await client.POST("/api/v1/organisations", {
    body: {
      kind: "association",
      name: "Bürgerstiftung Esslingen",
      municipality: "08116019",
      roles: ["partner"],
    },
  }),
  201,
);
const organisations = expect(
  "list organisations",
  await client.GET("/api/v1/organisations", { params: { query: { kind: "association" } } }),
  200,
);
if (!organisations.items.some((o) => o.id === organisation.id)) {
  throw new Error("the new organisation is not listed");
}

// A person with a mentor profile, who consents to be listed.
const person: Schemas["Person"] = expect(
  "create person",
  await client.POST("/api/v1/people", {
    body: {
      given_name: "Jürgen",
      family_name: "Łukasiewicz",
      email: "juergen@example.org",
      municipality: "08116019",
      languages: ["de", "pl"],
      mentor: { status: "active", fields: [4], municipalities: ["08116019"] },
    },
  }),
  201,
);
const consented = expect(
  "set consent",
  await client.PUT("/api/v1/people/{id}/consent", {
    params: { path: { id: person.id } },
    body: { level: "contact", text_version: "2026-11" },
  }),
  200,
);
if (consented.mentor?.consent.level !== "contact") {
  throw new Error("consent not recorded");
}

// The public listing shows him, contact details included now.
const listing = expect(
  "public listing",
  await anonymous.GET("/api/v1/public/mentors", {
    params: { query: { municipality: "08116019" } },
  }),
  200,
);
// The listing is documented as JSON or CSV; asked without `format`, it is JSON.
if (typeof listing === "string") {
  throw new Error("JSON expected, got CSV");
}
const listed = listing.items.find((m) => m.id === person.id);
if (listed?.family_name !== "Łukasiewicz" || listed.email !== "juergen@example.org") {
  throw new Error(`not listed as consented: ${JSON.stringify(listed)}`);
}

// A course: plan it, open registration, find it in the list.
const course: Schemas["Course"] = expect(
  "create course",
  await client.POST("/api/v1/courses", {
    body: {
      kind: "mentor_course",
      title: "Mentorenkurs Esslingen",
      capacity: 12,
      municipality: "08116019",
    },
  }),
  201,
);
const opened = expect(
  "open registration",
  await client.PUT("/api/v1/courses/{id}/status", {
    params: { path: { id: course.id } },
    body: { status: "registration_open" },
  }),
  200,
);
if (opened.status !== "registration_open") {
  throw new Error("status not changed");
}
const courses = expect("list courses", await client.GET("/api/v1/courses"), 200);
if (!courses.items.some((c) => c.id === course.id)) {
  throw new Error("the new course is not listed");
}

// Enrol him and read the attendance grid.
expect(
  "enrol",
  await client.POST("/api/v1/courses/{id}/enrolments", {
    params: { path: { id: course.id } },
    body: { person_id: person.id },
  }),
  201,
);
const grid = expect(
  "attendance grid",
  await client.GET("/api/v1/courses/{id}/attendance", { params: { path: { id: course.id } } }),
  200,
);
if (grid.rows.length !== 1 || grid.rows[0].person_id !== person.id) {
  throw new Error(`unexpected grid: ${JSON.stringify(grid)}`);
}
console.log("typescript client: all tasks done");
