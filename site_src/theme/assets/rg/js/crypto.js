// Optional passphrase protection: pure WebCrypto, nothing else.
//
// Key: PBKDF2-SHA-256 (600,000 iterations or more, 16-byte random salt) turns the
// passphrase into a non-extractable AES-GCM 256-bit key. Each encryption uses a
// fresh random 96-bit IV. An encrypted value is an "envelope":
//
//   { enc: "rg-versleuteld", v: 1, cipher: "AES-GCM",
//     kdf: { name: "PBKDF2", hash: "SHA-256", iterations, salt },
//     purpose: "<what this is, e.g. the record key>", iv: "<base64>", data: "<base64>" }
//
// Everything except iv and data is the header. The header, in a canonical JSON
// form (sorted keys), is bound as additional authenticated data: changing the
// version, the KDF parameters or the purpose (e.g. moving one worksheet's
// ciphertext onto another) makes decryption fail, just like a changed byte.

export const ENVELOPE = "rg-versleuteld";
export const ENVELOPE_VERSION = 1;
export const MIN_ITERATIONS = 600000;
/** Upper bound on a file's iteration count, so a crafted file cannot hang the page. */
export const MAX_ITERATIONS = 5000000;
export const MIN_PASSPHRASE = 8;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** A problem with protected data; message is a Dutch sentence for the user. */
export class CryptoError extends Error {
  constructor(message, kind = "failed") {
    super(message);
    this.name = "CryptoError";
    this.kind = kind;
  }
}

export const WRONG_PASSPHRASE =
  "Dit lukt niet met deze wachtwoordzin. Controleer of je hem goed hebt getypt. " +
  "Of het bestand is veranderd of beschadigd.";

export function toBase64(bytes) {
  let text = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(start, start + 0x8000));
  }
  return btoa(text);
}

export function fromBase64(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new CryptoError("Het bestand is beschadigd: de versleutelde gegevens zijn ongeldig.", "format");
  }
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Fresh KDF parameters: a new random salt. */
export function newKdf(iterations = MIN_ITERATIONS) {
  return {
    name: "PBKDF2", hash: "SHA-256", iterations,
    salt: toBase64(crypto.getRandomValues(new Uint8Array(SALT_BYTES))),
  };
}

export function checkKdf(kdf) {
  const ok = kdf && typeof kdf === "object" && kdf.name === "PBKDF2" && kdf.hash === "SHA-256" &&
    Number.isInteger(kdf.iterations) && kdf.iterations >= MIN_ITERATIONS &&
    kdf.iterations <= MAX_ITERATIONS && typeof kdf.salt === "string" &&
    fromBase64(kdf.salt).length === SALT_BYTES;
  if (!ok) throw new CryptoError("Het bestand is beschadigd: de gegevens van de versleuteling kloppen niet.", "format");
  return { name: kdf.name, hash: kdf.hash, iterations: kdf.iterations, salt: kdf.salt };
}

export function sameKdf(a, b) {
  return canonical(a) === canonical(b);
}

/** Derive the AES-GCM key; returns { key, kdf } (the key cannot be exported). */
export async function deriveKey(passphrase, kdf) {
  const params = checkKdf(kdf);
  if (typeof passphrase !== "string" || !passphrase) throw new CryptoError("Typ je wachtwoordzin.", "empty");
  const base = await crypto.subtle.importKey(
    "raw", encoder.encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: fromBase64(params.salt), iterations: params.iterations },
    base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  return { key, kdf: params };
}

function headerOf(kdf, purpose) {
  return { enc: ENVELOPE, v: ENVELOPE_VERSION, cipher: "AES-GCM", kdf, purpose };
}

export function isEnvelope(value) {
  return Boolean(value && typeof value === "object" && value.enc === ENVELOPE);
}

/** Encrypt text for one purpose (e.g. a record key); a fresh IV every time. */
export async function encryptText(vaultKey, text, purpose) {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header = headerOf(vaultKey.kdf, purpose);
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(canonical(header)), tagLength: 128 },
    vaultKey.key, encoder.encode(text));
  return { ...header, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Check an envelope's header before any work; returns the header. */
export function envelopeHeader(envelope) {
  if (!isEnvelope(envelope)) throw new CryptoError("Dit zijn geen versleutelde gegevens van deze site.", "format");
  if (envelope.v !== ENVELOPE_VERSION) {
    throw new CryptoError(
      "Deze gegevens zijn versleuteld door een nieuwere versie van de site. Open ze op de nieuwste versie.",
      "newer");
  }
  const known = new Set(["enc", "v", "cipher", "kdf", "purpose", "iv", "data"]);
  if (Object.keys(envelope).some((k) => !known.has(k)) || envelope.cipher !== "AES-GCM" ||
      typeof envelope.purpose !== "string" || typeof envelope.iv !== "string" ||
      typeof envelope.data !== "string") {
    throw new CryptoError("Het bestand is beschadigd: de versleutelde gegevens zijn ongeldig.", "format");
  }
  return headerOf(checkKdf(envelope.kdf), envelope.purpose);
}

/** Decrypt an envelope made for ``purpose``; a CryptoError when anything is off. */
export async function decryptText(vaultKey, envelope, purpose) {
  const header = envelopeHeader(envelope);
  if (header.purpose !== purpose || !sameKdf(header.kdf, vaultKey.kdf)) {
    throw new CryptoError(WRONG_PASSPHRASE, "wrong");
  }
  const iv = fromBase64(envelope.iv);
  if (iv.length !== IV_BYTES) throw new CryptoError(WRONG_PASSPHRASE, "wrong");
  let plain;
  try {
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv, additionalData: encoder.encode(canonical(header)), tagLength: 128 },
      vaultKey.key, fromBase64(envelope.data));
  } catch (error) {
    throw new CryptoError(WRONG_PASSPHRASE, "wrong");
  }
  try {
    return decoder.decode(plain);
  } catch (error) {
    throw new CryptoError(WRONG_PASSPHRASE, "wrong");
  }
}

export async function encryptJson(vaultKey, value, purpose) {
  return encryptText(vaultKey, JSON.stringify(value), purpose);
}

export async function decryptJson(vaultKey, envelope, purpose) {
  return JSON.parse(await decryptText(vaultKey, envelope, purpose));
}
