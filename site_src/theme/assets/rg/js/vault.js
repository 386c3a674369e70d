// The optional passphrase: set it, unlock with it, remove it.
// The header (meta record "vault") holds the KDF parameters and an encrypted
// check value, never the passphrase or the key. Setting or removing the
// passphrase rewrites every record in one transaction: all or nothing.
import { CryptoError, MIN_PASSPHRASE, decryptJson, deriveKey, encryptJson, newKdf } from "./crypto.js";
import {
  applyChanges, buildRecord, decodeRecord, getAllRecords, loadVault, revOf, setVaultKey, vaultState,
} from "./store.js";
import { setProtectedHere } from "./safety.js";
import { broadcast } from "./tabs.js";

const CHECK_PURPOSE = "#controle";
const CHECK_VALUE = "rg-wachtwoordzin";

export { vaultState };

/** Read whether a passphrase is set; keeps the synchronous flag for drafts in step. */
export async function refreshVault() {
  const vault = await loadVault();
  setProtectedHere(Boolean(vault));
  return vaultState();
}

export async function unlock(passphrase) {
  const vault = await loadVault();
  if (!vault) return;
  const key = await deriveKey(passphrase, vault.kdf);
  try {
    if ((await decryptJson(key, vault.check, CHECK_PURPOSE)) !== CHECK_VALUE) throw new Error("check");
  } catch (error) {
    throw new CryptoError("Deze wachtwoordzin klopt niet. Let op hoofdletters en spaties.", "wrong");
  }
  setVaultKey(key, vault);
}

export function checkNewPassphrase(passphrase, repeat) {
  if (typeof passphrase !== "string" || passphrase.length < MIN_PASSPHRASE) {
    return `Kies een wachtwoordzin van minstens ${MIN_PASSPHRASE} tekens. Een korte zin van een paar woorden is het best.`;
  }
  if (passphrase !== repeat) return "De twee wachtwoordzinnen zijn niet gelijk. Typ ze nog eens.";
  return "";
}

async function rewrite(withKey, vault) {
  const records = await getAllRecords();
  const expected = Object.fromEntries(records.map((record) => [record.worksheet, revOf(record)]));
  const put = [];
  for (const record of records) {
    const payload = await decodeRecord(record);
    put.push(await buildRecord(record.worksheet, payload, { title: record.title, saved_at: record.saved_at }, withKey));
  }
  return applyChanges({ put, expected, meta: vault ? [vault] : [], removeMeta: vault ? [] : ["vault"] });
}

/** Protect everything with a new passphrase (also to change it: unlock first). */
export async function setPassphrase(passphrase) {
  if (vaultState() === "locked") throw new CryptoError("Typ eerst je huidige wachtwoordzin.", "locked");
  const kdf = newKdf();
  const key = await deriveKey(passphrase, kdf);
  const vault = {
    key: "vault", format: "rg-sleutel", v: 1, kdf, created_at: new Date().toISOString(),
    check: await encryptJson(key, CHECK_VALUE, CHECK_PURPOSE),
  };
  await rewrite(key, vault);
  setVaultKey(key, vault);
  setProtectedHere(true);
  broadcast({ type: "replaced" });
}

/** Store everything without a passphrase again (must be unlocked). */
export async function removePassphrase() {
  if (vaultState() === "locked") throw new CryptoError("Typ eerst je wachtwoordzin.", "locked");
  await rewrite(null, null);
  setVaultKey(null, null);
  setProtectedHere(false);
  broadcast({ type: "replaced" });
}
