// Les schémas de mcp_rules validés par ajv (JavaScript), comme par jsonschema (Python).
//
//     node .ci/schemas.mjs DOSSIER        (après python .ci/schemas.py DOSSIER)
//
// Chaque schéma se compile en mode strict (motifs avec le drapeau « u » : aucun ne doit
// en dépendre), chaque document reçoit le verdict attendu, par le schéma autonome et, pour
// les documents lus, par les composants OpenAPI (références #/components/schemas/…) ; les
// réponses (sortie-*.json) et le fichier de commandes aussi. Sort avec 1 au moindre écart.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const dossier = process.argv[2];
const require = createRequire(join(process.cwd(), "node_modules") + "/");
const Ajv2020 = require("ajv/dist/2020").default;

const lire = (nom) => JSON.parse(readFileSync(join(dossier, nom), "utf8"));
const nouvelAjv = () => {
  // « format » est une annotation en 2020-12, comme pour jsonschema côté Python : un
  // instant se vérifie à la lecture (voir la docstring du module schema).
  return new Ajv2020({
    strict: true,
    strictTypes: false,
    allErrors: true,
    unicodeRegExp: true,
    validateFormats: false,
  });
};

const autonomes = {};
for (const fichier of readdirSync(dossier)) {
  if (fichier === "cas.json" || fichier === "openapi.json") continue;
  const schema = lire(fichier);
  autonomes[schema.title] = nouvelAjv().compile(schema);
}
const composants = lire("openapi.json");
const ajvOpenapi = nouvelAjv();
ajvOpenapi.addKeyword("components"); // le conteneur des schémas, pas une contrainte
ajvOpenapi.addSchema({ $id: "https://exemple.invalid/openapi.json", ...composants });
const parOpenapi = (nom) =>
  ajvOpenapi.getSchema(`https://exemple.invalid/openapi.json#/components/schemas/${nom}`);

const ecarts = [];
const cas = lire("cas.json");
for (const { type, document, valide, openapi: parComposants } of cas) {
  const autonome = autonomes[type](document);
  const openapi = parComposants ? parOpenapi(type)(document) : valide;
  if (autonome !== valide || openapi !== valide) {
    ecarts.push({ type, document, attendu: valide, autonome, openapi });
  }
}
for (const e of ecarts.slice(0, 20)) console.error("schémas : écart", JSON.stringify(e));
console.log(`schémas : ${cas.length} documents, ${Object.keys(autonomes).length} schémas, ${ecarts.length} écart(s) avec jsonschema`);
process.exit(ecarts.length ? 1 : 0);
