using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace StoreSubmit.Tests
{
    /// <summary>
    /// An outside client of the emulator in the way of Microsoft's sample <c>IngestionClient</c>: absolute paths
    /// (<c>/v1.0/my/…</c>) combined with each service root by <c>new Uri(root, path)</c> (and by
    /// <c>HttpClient.BaseAddress</c>), <c>MS-CorrelationId</c> / <c>MS-RequestId</c> on every call, a whole
    /// submission posted to create an add-on submission. Only <c>HttpClient</c>: no StoreSubmit type is used.
    /// </summary>
    [TestFixture]
    public class EmulatorAbsolutePathTests
    {
        private static readonly Regex AccessToken = new Regex("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

        /// <summary>A v1 client-credentials token, asked for as the sample does (<c>resource=</c>).</summary>
        private static string Token(HttpClient http, Emulator emu, string resource)
        {
            var url = new Uri(new Uri(emu["token_url"]), "/" + emu["tenant_id"] + "/oauth2/token");
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                { "grant_type", "client_credentials" },
                { "client_id", emu["client_id"] },
                { "client_secret", emu["client_secret"] },
                { "resource", resource },
            });
            var r = http.PostAsync(url, form).Result;
            var body = r.Content.ReadAsStringAsync().Result;
            Assert.AreEqual(200, (int)r.StatusCode, "token from " + url);
            return AccessToken.Match(body).Groups[1].Value;
        }

        private static HttpResponseMessage Send(HttpClient http, HttpMethod method, Uri url, string token, string json = null,
            string correlationId = null, string seller = null)
        {
            var req = new HttpRequestMessage(method, url);
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            req.Headers.Add("MS-CorrelationId", correlationId ?? Guid.NewGuid().ToString());
            req.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
            if (seller != null) req.Headers.Add("X-Seller-Account-Id", seller);
            if (json != null) req.Content = new StringContent(json, Encoding.UTF8, "application/json");
            return http.SendAsync(req).Result;
        }

        private static string Body(HttpResponseMessage r) { return r.Content.ReadAsStringAsync().Result; }

        [Test]
        public void AbsolutePathsCombinedWithEachServiceRootReachTheService()
        {
            using (var emu = Emulator.Start())
            using (var http = new HttpClient())
            {
                foreach (var key in new[] { "devcenter_url", "win32_url", "ingestion_url", "token_url" })
                    Assert.AreEqual("/", new Uri(emu[key]).AbsolutePath, key + " is an origin: " + emu[key]);

                var dc = new Uri(emu["devcenter_url"]);
                var token = Token(http, emu, "https://manage.devcenter.microsoft.com");
                var correlation = Guid.NewGuid().ToString();
                var app = Send(http, HttpMethod.Get, new Uri(dc, "/v1.0/my/applications/" + emu["app_id"]), token, null, correlation);
                Assert.AreEqual(200, (int)app.StatusCode, Body(app));
                StringAssert.Contains("\"" + emu["app_id"] + "\"", Body(app));
                Assert.AreEqual(correlation, app.Headers.GetValues("MS-CorrelationId").Single(), "MS-CorrelationId echoed");

                // The sample's own way: HttpClient.BaseAddress and a relative URL that starts with '/'.
                using (var sample = new HttpClient { BaseAddress = dc })
                {
                    var list = Send(sample, HttpMethod.Get, new Uri("/v1.0/my/applications", UriKind.Relative), token);
                    Assert.AreEqual(200, (int)list.StatusCode, Body(list));
                }

                var w32 = Token(http, emu, "https://api.store.microsoft.com");
                var status = Send(http, HttpMethod.Get, new Uri(new Uri(emu["win32_url"]), "/submission/v1/product/" + emu["win32_product_id"] + "/status"),
                    w32, null, null, emu["seller_id"]);
                Assert.AreEqual(200, (int)status.StatusCode, Body(status));
                StringAssert.Contains("\"isSuccess\":true", Body(status));

                var ing = Token(http, emu, "https://api.partner.microsoft.com");
                var product = Send(http, HttpMethod.Get, new Uri(new Uri(emu["ingestion_url"]), "/v1.0/ingestion/products/" + emu["ingestion_product_id"]), ing);
                Assert.AreEqual(200, (int)product.StatusCode, Body(product));
                StringAssert.Contains(emu["ingestion_product_id"], Body(product));
            }
        }

        [Test]
        public void AnAddOnSubmissionCreatedWithABodyIsThatSubmission()
        {
            using (var emu = Emulator.Start())
            using (var http = new HttpClient())
            {
                var dc = new Uri(emu["devcenter_url"]);
                var token = Token(http, emu, "https://manage.devcenter.microsoft.com");
                var productId = "Sample-" + Guid.NewGuid();
                var iap = Send(http, HttpMethod.Post, new Uri(dc, "/v1.0/my/inappproducts"), token,
                    "{\"applicationIds\": [\"" + emu["app_id"] + "\"], \"productType\": \"Durable\", \"productId\": \"" + productId + "\"}");
                Assert.AreEqual(200, (int)iap.StatusCode, Body(iap));
                // The add-on's id: the one "id" in the answer that is not its app's (applications.value[].id).
                var iapId = Regex.Matches(Body(iap), "\"id\":\"([^\"]+)\"").Cast<Match>()
                    .Select(m => m.Groups[1].Value).Single(id => id != emu["app_id"]);
                // The sample's submission, as Json.NET writes its anonymous object (property names as declared).
                var submission = "{\"contentType\":\"BookDownload\",\"keywords\":[\"book\",\"download\"],\"lifeTime\":\"ThreeDays\"," +
                    "\"targetPublishMode\":\"Immediate\",\"visibility\":\"Public\",\"pricing\":{\"priceId\":\"Free\"}," +
                    "\"listings\":{\"en-us\":{\"description\":\"Sample IAP description\",\"title\":\"Sample IAP title\"," +
                    "\"icon\":{\"FileName\":\"icon300x300.png\",\"FileStatus\":\"PendingUpload\"}}}}";
                var created = Send(http, HttpMethod.Post, new Uri(dc, "/v1.0/my/inappproducts/" + iapId + "/submissions"), token, submission);
                var body = Body(created);
                Assert.AreEqual(200, (int)created.StatusCode, body);
                StringAssert.Contains("\"contentType\":\"BookDownload\"", body);
                StringAssert.Contains("\"title\":\"Sample IAP title\"", body);
                StringAssert.Contains("\"fileName\":\"icon300x300.png\"", body);
            }
        }
    }
}
