// Starts the web app; a file of its own so the Content-Security-Policy needs no inline script.
// A signed-out visitor of a citizens' page gets the smaller app built without the staff pages
// (`mentorat-public`, see `cargo xtask frontend`); it reloads into the whole app, setting
// `mentorat.full`, as soon as someone moves on to any other page. The paths below are those the
// public build renders (`frontend/src/app.rs`, `switch`).
const PUBLIC_PATHS =
  /^\/(?:abdeckung|oeffentlich|kreise(?:\/\d+)?|kurs-finden(?:\/\d+)?|anmeldung\/(?:bestaetigen\/)?[^/]+|pruefen(?:\/[^/]+)?|tandem\/bestaetigen\/[^/]+|barrierefreiheit)?\/?$/;
const whole =
  sessionStorage.getItem("mentorat.full") !== null ||
  localStorage.getItem("mentorat.session") !== null ||
  !PUBLIC_PATHS.test(location.pathname);
sessionStorage.removeItem("mentorat.full");
const app = whole ? "mentorat" : "mentorat-public";
import(`/${app}.js`).then((module) => module.default(`/${app}_bg.wasm`));
