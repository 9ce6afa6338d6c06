// storesubmit: checks what the seed-003 Node.js sample (index.js, unchanged) printed against the emulator,
// then follows the submission it created to its final publishing status with the sample's own
// SubmissionClient. Usage: node check.js SAMPLE_OUTPUT_FILE (STORESUBMIT_EMULATOR set as for index.js).
const fs = require('fs');
const assert = require('assert');
const fetch = require('node-fetch');
const config = require('./Configuration');
const SubmissionClient = require('./SubmissionClient');

const emulator = JSON.parse(process.env.STORESUBMIT_EMULATOR);
const steps = [];
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('{')) {
        assert(steps.length > 0, `JSON before the first step: ${line}`);
        steps[steps.length - 1].json.push(JSON.parse(line));
    } else {
        steps.push({ label: line, json: [] });
    }
}
const labels = steps.map(s => s.label);
const expected = [
    'Getting Access Token', 'Getting Current Application Draft Status', 'Getting Application Packages',
    'Getting Single Package', 'Updating Entire Package Set', "Updating Single Package's Download Url",
    'Committing Packages', 'Waiting for Upload to finish', 'Getting Application Metadata - All Modules',
    'Getting Application Metadata - Listings', 'Updating Listings Metadata - Description',
    'Getting All Listings Assets', 'Creating Listing Assets for 1 Screenshot', 'Uploading Listing Assets',
    'Committing Listing Assets', 'Getting Current Application Draft Status before Submission',
    'Creating Submission', 'Current Submission Status',
];
assert.deepStrictEqual([...new Set(labels)], expected, 'the sample ran every step in order');
assert(labels.filter(l => l === 'Waiting for Upload to finish').length >= 2, 'package processing made the sample poll');
const step = label => steps.find(s => s.label === label);
let checked = 0;
for (const s of steps) {
    for (const j of s.json.filter(j => 'isSuccess' in j)) {
        if (s.label === "Updating Single Package's Download Url") {
            // The full update just before regenerated the package ids (seed 003), so the sample's PATCH with
            // the old id is refused, in the envelope.
            assert.strictEqual(j.isSuccess, false);
            assert.strictEqual(j.errors[0].code, 'notfound');
        } else {
            assert.strictEqual(j.isSuccess, true, `${s.label}: ${JSON.stringify(j)}`);
        }
        checked++;
    }
}
assert(checked >= 15, `only ${checked} envelopes printed`);
const created = step('Creating Submission').json[0].responseData;
assert.match(created.submissionId, /^[0-9]+$/);
assert.strictEqual(step('Current Submission Status').json[0].responseData.publishingStatus, 'INPROGRESS');
const uploaded = step('Creating Listing Assets for 1 Screenshot').json[0].responseData.listingAssets.screenshots[0];

(async () => {
    const client = new SubmissionClient(config);
    await client.getAccessToken();
    const assets = await client.callStoreAPI(client.listingAssetsUrlTemplate, 'get');
    const shot = assets.responseData.listingAssets[0].screenshots;
    assert.strictEqual(shot.length, 1, 'the committed screenshot replaced the old one');
    assert.strictEqual(shot[0].id, uploaded.id);
    assert.deepStrictEqual(shot[0].imageSize, { width: 4, height: 3 }, 'the emulator read the uploaded Image.png');
    const listing = await client.callStoreAPI(client.appListingsFetchMetadataUrlTemplate, 'get');
    assert.strictEqual(listing.responseData.listings[0].description, 'New Description Updated By Node.js Sample Code');

    // Move the emulated clock past publishing, then poll as the sample's closing comment suggests.
    const adv = await fetch(`${emulator.admin_url}/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds: 60 }) });
    assert.strictEqual(adv.status, 200);
    const url = client.submissionStatusPollingUrlTemplate.replace('{submissionId}', created.submissionId);
    let status;
    for (let i = 0; i < 20; i++) {
        status = await client.callStoreAPI(url, 'get');
        if (status.responseData.publishingStatus !== 'INPROGRESS') break;
        await new Promise(r => setTimeout(r, 250));
    }
    assert.deepStrictEqual(status, { isSuccess: true, errors: [], responseData: { publishingStatus: 'PUBLISHED', hasFailed: false } });
    const ready = await client.callStoreAPI(client.productDraftStatusPollingUrlTemplate, 'get');
    assert.strictEqual(ready.responseData.ongoingSubmissionId, '');
    console.log(`node-sample: ${expected.length} steps and ${checked} envelopes checked; submission ${created.submissionId} PUBLISHED`);
})().catch(e => { console.error(e); process.exit(1); });
