// Builds the desk's static files into build/: the stylesheet (GOV.UK Frontend compiled with Arial,
// since the GDS Transport typeface is licensed to GOV.UK services only, not to councils), GOV.UK
// Frontend's script and assets, the desk's own scripts, and axe-core for the accessibility tests.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import * as sass from "sass";
import { writeFileSync } from "node:fs";

const out = "build";
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/govuk`, { recursive: true });

const css = sass.compile("src/civicpost.scss", {
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
  importers: [new sass.NodePackageImporter()],
});
writeFileSync(`${out}/civicpost.css`, css.css);

const govuk = "node_modules/govuk-frontend/dist/govuk";
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk/govuk-frontend.min.js`);
cpSync(`${govuk}/assets`, `${out}/govuk/assets`, { recursive: true });
cpSync(`${govuk}/assets/images/favicon.ico`, `${out}/favicon.ico`);
cpSync("src/js", `${out}/js`, { recursive: true });
cpSync("node_modules/axe-core/axe.min.js", `${out}/test/axe.min.js`, { recursive: true });
console.log("built desk static files into", out);
