// Starts a real Bluesky PDS with an in-memory PLC directory on loopback, for the
// connector tests. Usage: node start-pds.js PDS_PORT PLC_PORT
// Prints one JSON line {"pds": url, "plc": url} once both answer, and shuts both
// down cleanly on SIGTERM or SIGINT, or when its standard input closes (so a test
// run that dies never leaves a PDS behind).
'use strict'

const { TestNetworkNoAppView } = require('@atproto/dev-env')

async function main() {
  const [pdsPort, plcPort] = process.argv.slice(2).map((arg) => Number.parseInt(arg, 10))
  if (!Number.isInteger(pdsPort) || !Number.isInteger(plcPort)) {
    console.error('usage: node start-pds.js PDS_PORT PLC_PORT')
    process.exit(2)
  }
  const network = await TestNetworkNoAppView.create({
    pds: { port: pdsPort, hostname: 'localhost' },
    plc: { port: plcPort },
  })
  let closing = false
  const close = async () => {
    if (closing) return
    closing = true
    try {
      await network.close()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGTERM', close)
  process.on('SIGINT', close)
  process.stdin.on('end', close)
  process.stdin.resume()
  process.stdout.write(JSON.stringify({ pds: network.pds.url, plc: network.plc.url }) + '\n')
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err))
  process.exit(1)
})
