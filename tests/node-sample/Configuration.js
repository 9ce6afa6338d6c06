/** Configuration Object for Store Submission API */
// storesubmit: the seed-003 "ClientConfiguration helper" with only its values changed. They come from the
// emulator's first stdout line (a JSON object), which 20-emulator-node.sh passes in STORESUBMIT_EMULATOR.
const emulator = JSON.parse(process.env.STORESUBMIT_EMULATOR);
var config = {
    version : "1",
    applicationId : emulator.win32_product_id,
    clientId : emulator.client_id,
    clientSecret : emulator.client_secret,
    serviceEndpoint : emulator.win32_url,
    tokenEndpoint : `${emulator.token_url}/${emulator.tenant_id}/oauth2/v2.0/token`,
    scope : "https://api.store.microsoft.com/.default",
    sellerId : emulator.seller_id,
    jsonContentType : "application/json",
    pngContentType : "image/png",
    binaryStreamContentType : "application/octet-stream"
};

module.exports = config;
