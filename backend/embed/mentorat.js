// Mentorat on municipal web sites. Renders the courses open for registration ("kurse") or the
// mentors who agreed to be listed ("mentoren") into every element with a data-mentorat
// attribute, from the public API of the server this script is loaded from. No framework, no
// inline script; text is set as text, never as HTML. Options, as data attributes:
// data-district (5 digits) or data-municipality (8 digits), data-kind (kurse:
// mentor_course or trainer_course), data-limit (1–50), data-lang (de, the default, or en).
// Styled by mentorat.css through CSS custom properties (--mentorat-accent and others).
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = new URL(script ? script.src : window.location.href).origin;
  var TEXTS = {
    de: {
      mentor_course: "Mentorenkurs",
      trainer_course: "Mentorentrainerkurs",
      places: function (n) {
        return n <= 0 ? "ausgebucht – Anmeldung auf die Warteliste" : n === 1 ? "1 Platz frei" : n + " Plätze frei";
      },
      open: "Termin wird mit den Teilnehmenden abgestimmt",
      contact: "Ansprechperson",
      details: "Details und Anmeldung",
      noCourses: "Zurzeit ist hier kein Kurs zur Anmeldung offen.",
      noMentors: "Hier sind noch keine Mentorinnen oder Mentoren eingetragen.",
      failed: "Die Angaben konnten gerade nicht geladen werden. Bitte versuchen Sie es später erneut.",
      courses: "Kurse zum Mentorat für Bürgerengagement",
      mentors: "Mentorinnen und Mentoren für Bürgerengagement",
      source: "Angaben aus Mentorat, dem Portal des Mentorats für Bürgerengagement",
    },
    en: {
      mentor_course: "Mentor course",
      trainer_course: "Trainer course",
      places: function (n) {
        return n <= 0 ? "fully booked – registrations join the waiting list" : n === 1 ? "1 place free" : n + " places free";
      },
      open: "Date to be agreed with the participants",
      contact: "Contact",
      details: "Details and registration",
      noCourses: "No course is open for registration here at present.",
      noMentors: "No mentors are listed here yet.",
      failed: "The details could not be loaded just now. Please try again later.",
      courses: "Courses of the civic engagement mentoring programme",
      mentors: "Civic engagement mentors",
      source: "From Mentorat, the portal of the civic engagement mentoring programme",
    },
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function date(iso, lang) {
    var p = iso.split("-");
    return lang === "en" ? p[2] + "/" + p[1] + "/" + p[0] : p[2] + "." + p[1] + "." + p[0];
  }

  function dates(sessions, t, lang) {
    var dated = sessions.filter(function (s) { return s.date; }).map(function (s) { return s.date; });
    if (dated.length === 0) return t.open;
    var first = date(dated[0], lang);
    var last = date(dated[dated.length - 1], lang);
    return first === last ? first : first + " – " + last;
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener";
    return a;
  }

  function fact(list, label, value) {
    if (!value) return;
    list.appendChild(el("dt", null, label));
    var dd = el("dd");
    if (typeof value === "string") dd.textContent = value; else dd.appendChild(value);
    list.appendChild(dd);
  }

  function renderCourses(node, page, t, lang) {
    var section = el("section", "mentorat mentorat-courses");
    section.appendChild(el("h2", "mentorat-title", t.courses));
    if (page.items.length === 0) section.appendChild(el("p", "mentorat-empty", t.noCourses));
    var list = el("ul", "mentorat-list");
    page.items.forEach(function (course) {
      var item = el("li", "mentorat-item mentorat-course");
      var title = el("h3", "mentorat-name");
      title.appendChild(link(origin + "/kurs-finden/" + course.id, course.title));
      item.appendChild(title);
      item.appendChild(el("p", "mentorat-muted", t[course.kind] || course.kind));
      var facts = el("dl", "mentorat-facts");
      fact(facts, lang === "en" ? "Dates" : "Termine", dates(course.sessions, t, lang));
      var place = [course.venue.name, course.venue.address, course.municipality && course.municipality.name]
        .filter(function (part) { return part; }).join(", ");
      fact(facts, lang === "en" ? "Venue" : "Ort", place);
      fact(facts, lang === "en" ? "Places" : "Plätze", t.places(course.free_places));
      if (course.contact) {
        fact(facts, t.contact, [course.contact.name || course.contact.organisation, course.contact.email, course.contact.phone]
          .filter(function (part) { return part; }).join(" · "));
      }
      item.appendChild(facts);
      item.appendChild(link(origin + "/kurs-finden/" + course.id, t.details));
      list.appendChild(item);
    });
    section.appendChild(list);
    section.appendChild(el("p", "mentorat-source", t.source));
    node.replaceChildren(section);
  }

  function renderMentors(node, page, t, lang) {
    var section = el("section", "mentorat mentorat-mentors");
    section.appendChild(el("h2", "mentorat-title", t.mentors));
    var shown = page.items.filter(function (m) { return !m.deleted; });
    if (shown.length === 0) section.appendChild(el("p", "mentorat-empty", t.noMentors));
    var list = el("ul", "mentorat-list");
    shown.forEach(function (mentor) {
      var item = el("li", "mentorat-item mentorat-mentor");
      var name = [mentor.given_name, mentor.family_name].filter(function (part) { return part; }).join(" ");
      item.appendChild(el("h3", "mentorat-name", name));
      var places = (mentor.municipalities || []).filter(Boolean).map(function (m) { return m.name; }).join(", ");
      if (places) item.appendChild(el("p", "mentorat-muted", places));
      var fields = (mentor.fields || []).filter(Boolean);
      if (fields.length) {
        var tags = el("p", "mentorat-tags");
        fields.forEach(function (f) { tags.appendChild(el("span", "mentorat-tag", lang === "en" ? f.name_en : f.name_de)); });
        item.appendChild(tags);
      }
      if (mentor.email) {
        var mail = el("a", null, mentor.email);
        mail.href = "mailto:" + mentor.email;
        var p = el("p");
        p.appendChild(mail);
        item.appendChild(p);
      }
      if (mentor.phone) item.appendChild(el("p", null, mentor.phone));
      list.appendChild(item);
    });
    section.appendChild(list);
    section.appendChild(el("p", "mentorat-source", t.source));
    node.replaceChildren(section);
  }

  // The widget's kind and options: from the element's data attributes, or, on the frame pages
  // (/einbetten/kurse, /einbetten/mentoren), from the page's own address.
  function options(node) {
    if (node.hasAttribute("data-mentorat-frame")) {
      var params = new URLSearchParams(window.location.search);
      var get = function (key) { return params.get(key); };
      return { widget: window.location.pathname.split("/").pop(), get: get };
    }
    return { widget: node.getAttribute("data-mentorat"), get: function (key) { return node.getAttribute("data-" + key); } };
  }

  function load(node) {
    var o = options(node);
    var lang = o.get("lang") === "en" ? "en" : "de";
    var t = TEXTS[lang];
    var limit = Math.min(Math.max(parseInt(o.get("limit"), 10) || 10, 1), 50);
    var query = new URLSearchParams({ limit: String(limit) });
    ["district", "municipality"].forEach(function (key) {
      if (o.get(key)) query.set(key, o.get(key));
    });
    var path;
    if (o.widget === "kurse") {
      path = "/api/v1/public/courses";
      if (o.get("kind")) query.set("kind", o.get("kind"));
    } else if (o.widget === "mentoren") {
      path = "/api/v1/public/mentors";
    } else {
      return;
    }
    node.setAttribute("lang", lang);
    node.setAttribute("aria-busy", "true");
    fetch(origin + path + "?" + query.toString(), { headers: { accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (page) {
        (o.widget === "kurse" ? renderCourses : renderMentors)(node, page, t, lang);
      })
      .catch(function () {
        node.replaceChildren(el("p", "mentorat mentorat-failed", t.failed));
      })
      .then(function () { node.removeAttribute("aria-busy"); });
  }

  function stylesheet() {
    if (document.querySelector("link[data-mentorat-styles]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = origin + "/einbetten/mentorat.css";
    link.setAttribute("data-mentorat-styles", "");
    document.head.insertBefore(link, document.head.firstChild);
  }

  function start() {
    stylesheet();
    document.querySelectorAll("[data-mentorat], [data-mentorat-frame]").forEach(load);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
