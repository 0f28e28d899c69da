// A tiny key-value store in IndexedDB: the trip (id and token), the scans still to send, the last known cart
// and the checkout attempt's Idempotency-Key. It survives reloads and going offline. Where IndexedDB is not
// available (some private modes), localStorage stands in.

const NAME = 'skanna-shopper';
const STORE = 'kv';
let opened;

function open() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).catch(() => null);
  }
  return opened;
}

function run(mode, action) {
  return open().then((db) => {
    if (!db) return undefined;
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  });
}

export async function get(key) {
  if (!(await open())) {
    const text = localStorage.getItem(`${NAME}:${key}`);
    return text === null ? undefined : JSON.parse(text);
  }
  return run('readonly', (store) => store.get(key));
}

export async function put(key, value) {
  if (!(await open())) {
    localStorage.setItem(`${NAME}:${key}`, JSON.stringify(value));
    return;
  }
  await run('readwrite', (store) => store.put(value, key));
}

export async function remove(key) {
  if (!(await open())) {
    localStorage.removeItem(`${NAME}:${key}`);
    return;
  }
  await run('readwrite', (store) => store.delete(key));
}
