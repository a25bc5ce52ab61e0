// Healthcheck of the `mongo` service (docker-compose.yml), run with mongosh.
// Initiates the single-node replica set rs0 on first run, then reports healthy only once
// this node is a writable primary. Idempotent: later runs only check the state.
try {
  rs.status();
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') throw e;
  // The member is named by its compose service name, the host the applications use
  // (mongodb://mongo:27017/?replicaSet=rs0).
  rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] });
}
if (!db.hello().isWritablePrimary) {
  quit(1);
}
