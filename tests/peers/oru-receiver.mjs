// An EAI standing in for the tests: an MLLP receiver built on Medplum's HL7 server (@medplum/hl7), which no one
// here wrote. It records every message it receives and answers what the test scripts.
//
//   node oru-receiver.mjs --port 2575 --record received.jsonl [--encoding utf-8|iso-8859-15] [--answer AA]
//
// Control, one command per line on stdin:
//   answer CODE          answer CODE (AA, AE, AR, CA, CE, CR) from now on; "none" keeps silent, "close" hangs up
//   script CODE,CODE...  answer these codes to the next messages, in order, then the standing answer again
// Output, one line per event on stdout: "listening PORT", then "received N CONTROLID CODE" per message.
// The record file gets one JSON object per message: {"n", "controlId", "answer", "message"} (segments CR-ended).
import { appendFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Hl7Segment } from '@medplum/core';
import { Hl7Server } from '@medplum/hl7';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const port = Number(option('port', '2575'));
const record = option('record', 'received.jsonl');
const encoding = option('encoding', 'utf-8');
const codes = new Set(['AA', 'AE', 'AR', 'CA', 'CE', 'CR', 'none', 'close']);
let standing = option('answer', 'AA');
const scripted = [];
let received = 0;

if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`--port must be 1 to 65535, not ${option('port')}`);
    process.exit(2);
}
if (!codes.has(standing)) {
    console.error(`--answer must be one of ${[...codes].join(', ')}`);
    process.exit(2);
}
writeFileSync(record, '');

const server = new Hl7Server((connection) => {
    connection.addEventListener('message', ({ message }) => {
        received += 1;
        const answer = scripted.length > 0 ? scripted.shift() : standing;
        const controlId = message.getSegment('MSH')?.getField(10)?.toString() ?? '';
        appendFileSync(record, JSON.stringify({ n: received, controlId, answer, message: message.toString() }) + '\n');
        console.log(`received ${received} ${controlId} ${answer}`);
        if (answer === 'none') {
            return;
        }
        if (answer === 'close') {
            connection.socket.destroy();
            return;
        }
        const errSegment = answer === 'AA' || answer === 'CA'
            ? undefined
            : new Hl7Segment(['ERR', '', '', answer.endsWith('E') ? '207^Application internal error^HL70357' : '206^Application record locked^HL70357',
                'E', '', '', '', `Scripted ${answer} from the test receiver`], message.context);
        connection.send(message.buildAck({ ackCode: answer, errSegment }));
    });
    connection.addEventListener('error', () => {
        // A client that hangs up mid-frame is the test's business, not the receiver's.
    });
});

await server.start(port, encoding);
console.log(`listening ${port}`);

createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, value = ''] = line.trim().split(/\s+/, 2);
    if (command === 'answer' && codes.has(value)) {
        standing = value;
        console.log(`answer ${value}`);
    } else if (command === 'script' && value.split(',').every((code) => codes.has(code))) {
        scripted.push(...value.split(','));
        console.log(`script ${value}`);
    } else if (command.length > 0) {
        console.log(`error unknown command: ${line}`);
    }
});
process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
