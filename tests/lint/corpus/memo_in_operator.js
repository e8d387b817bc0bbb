// Gravatar URLs memoised in a plain object (JavaScript).
import { createHash } from "node:crypto";

const cache = {}; // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function gravatar(email, size = 80) {
  const key = `${email.trim().toLowerCase()}:${size}`;
  if (key in cache) return cache[key];
  const hash = createHash("md5").update(email.trim().toLowerCase()).digest("hex");
  const url = `https://www.gravatar.com/avatar/${hash}?s=${size}&d=identicon`;
  cache[key] = url;
  return url;
}

export function avatarTag(author) {
  return `<img class="avatar" src="${gravatar(author.email)}" alt="${author.name}" width="80" height="80">`;
}

export function avatars(authors) {
  return authors.map(avatarTag).join("");
}

export function initialsAvatar(name) {
  const initials = name.split(/\s+/).map((w) => w[0] ?? "").join("").slice(0, 2).toUpperCase();
  return `<span class="avatar avatar-initials">${initials}</span>`;
}
