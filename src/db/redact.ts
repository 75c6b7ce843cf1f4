/**
 * Secrets (passwords) seen while resolving a connection. Every message the CLI prints passes through
 * `redact`, so a password can never reach stdout, stderr or a report, whatever error text carried it.
 */
const secrets = new Set<string>();

export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length > 0) {
    secrets.add(secret);
    secrets.add(encodeURIComponent(secret));
  }
}

export function redact(text: string): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
  // Any URL with an inline password, registered or not.
  return out.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@\s/]*@/gi, '$1***@');
}
