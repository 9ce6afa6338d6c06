using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using StoreSubmit;

namespace StoreSubmit.Tests
{
    /// <summary>tests/vectors/connection/precedence.json through <see cref="Offline.ResolveConnection"/>: every row's values, sources and errors, and no client secret outside the answer's <c>clientSecret</c>.</summary>
    [TestFixture]
    public class ConnectionVectorTests
    {
        private static readonly JsonArray Rows = ((JsonObject)Repo.ReadJson(Repo.Vectors("connection", "precedence.json"))).GetArray("rows");

        public static IEnumerable<TestCaseData> Cases()
        {
            return Rows.Cast<JsonObject>().Select(r => new TestCaseData(r.GetString("name")).SetName("connection: " + r.GetString("name")));
        }

        [TestCaseSource("Cases")]
        public void Precedence(string name)
        {
            var row = Rows.Cast<JsonObject>().Single(r => r.GetString("name") == name);
            var options = new ResolveConnectionOptions { Env = row["env"] ?? new JsonObject(), Explicit = row["explicit"], CredentialNames = row["credentialNames"] };
            options.ConfigText = row.GetString("configText") ?? (row.ContainsKey("config") ? Json.Serialize(row["config"]) : null);
            if (options.ConfigText != null) options.ConfigName = row.GetString("configName") ?? "config.json";
            var expect = row.GetObject("expect");
            var secrets = row.GetArray("secrets").Cast<string>().ToList();
            if (expect.ContainsKey("error"))
            {
                var e = Assert.Throws(Is.InstanceOf<StoreSubmitException>(), () => Offline.ResolveConnection(options)) as StoreSubmitException;
                Assert.AreEqual(expect.GetString("error"), e.Code, e.Message);
                foreach (string m in expect.GetArray("mentions")) StringAssert.Contains(m, e.Message);
                foreach (string k in expect.GetArray("missing") ?? new JsonArray()) StringAssert.Contains("pass " + k, e.Message);
                foreach (string a in expect.GetArray("absent") ?? new JsonArray()) StringAssert.DoesNotContain(a, e.Message);
                foreach (var s in secrets) StringAssert.DoesNotContain(s, e.ToString());
                return;
            }
            var got = (JsonObject)Offline.ResolveConnection(options);
            foreach (var kv in expect)
            {
                var want = (JsonObject)kv.Value;
                var value = kv.Key == "clientSecret" ? got["clientSecret"] : got.GetObject("values")[kv.Key];
                Assert.AreEqual(want["value"], value, kv.Key);
                var source = got.GetObject("sources")[kv.Key] as JsonObject;
                if (want["from"] == null) { Assert.IsNull(source, kv.Key); continue; }
                Assert.AreEqual(want["from"], source["from"], kv.Key);
                if (want.ContainsKey("name")) Assert.AreEqual(want["name"], source["name"], kv.Key);
            }
            got.Remove("clientSecret");
            foreach (var s in secrets) StringAssert.DoesNotContain(s, got.ToString());
        }
    }
}
