// Starts the web app; a file of its own so the Content-Security-Policy needs no inline script.
import init from "/mentorat.js";
init("/mentorat_bg.wasm");
