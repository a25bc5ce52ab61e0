// A real S3-compatible server for the object-store backup tests: s3rver on a loopback port, its objects in a folder
// the test owns (so a stop and a start on the same folder is an outage, not a loss), with one bucket made at start.
// It checks request signatures against its fixed key pair (access key S3RVER, secret key S3RVER), as a real store
// checks a studio's keys; it accepts and ignores the server-side encryption header (it stores objects in clear).
//
// Environment: PORT (required), DIRECTORY (required), BUCKET (default lwf-backups).
// Prints "READY {port}" once listening.
import S3rver from 's3rver';

const port = Number(process.env.PORT);
const directory = process.env.DIRECTORY;
if (!Number.isInteger(port) || port <= 0 || !directory) {
  console.error('PORT and DIRECTORY are required');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port,
  directory,
  silent: true,
  configureBuckets: [{ name: process.env.BUCKET || 'lwf-backups', configs: [] }],
});
await server.run();
console.log(`READY ${port}`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
