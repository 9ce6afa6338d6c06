using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using StoreSubmit;
using StoreSubmit.Interop;

namespace StoreSubmit.Tests
{
    /// <summary>
    /// The shared vectors (tests/vectors/requests, responses, validation, blob; formats in each README) through
    /// the C ABI's <c>call</c>: the same cases the Rust and Python suites run.
    /// </summary>
    [TestFixture]
    public class VectorTests
    {
        private static IEnumerable<TestCaseData> CasesOf(string folder)
        {
            foreach (var path in Directory.GetFiles(Repo.Vectors(folder), "*.json").OrderBy(x => x, StringComparer.Ordinal))
            {
                var file = (JsonObject)Repo.ReadJson(path);
                foreach (JsonObject c in file.GetArray("cases"))
                    yield return new TestCaseData(Path.GetFileName(path), c.GetString("name")).SetName(folder + "/" + Path.GetFileName(path) + ": " + c.GetString("name"));
            }
        }

        private static readonly Dictionary<string, JsonObject> Files = new Dictionary<string, JsonObject>();

        private static JsonObject FileOf(string folder, string file)
        {
            var key = folder + "/" + file;
            lock (Files)
            {
                JsonObject o;
                if (!Files.TryGetValue(key, out o)) Files[key] = o = (JsonObject)Repo.ReadJson(Repo.Vectors(folder, file));
                return o;
            }
        }

        private static JsonObject Case(string folder, string file, string name)
        {
            return FileOf(folder, file).GetArray("cases").Cast<JsonObject>().Single(c => c.GetString("name") == name);
        }

        public static IEnumerable<TestCaseData> RequestCases() { return CasesOf("requests"); }

        public static IEnumerable<TestCaseData> ResponseCases() { return CasesOf("responses"); }

        public static IEnumerable<TestCaseData> ValidationCases() { return CasesOf("validation"); }

        public static IEnumerable<TestCaseData> BlobCases() { return CasesOf("blob"); }

        [Test]
        public void TheVectorsAreAllThere()
        {
            Assert.Greater(RequestCases().Count(), 100);
            Assert.GreaterOrEqual(ResponseCases().Count(), 60);
            Assert.GreaterOrEqual(ValidationCases().Count(), 150);
            Assert.GreaterOrEqual(BlobCases().Count(), 30);
            var ops = Repo.Manifest().GetArray("operations").Cast<JsonObject>().Select(o => o.GetString("id"));
            var covered = new HashSet<string>(Directory.GetFiles(Repo.Vectors("requests"), "*.json")
                .SelectMany(p => Repo.Cases(p).Cast<JsonObject>()).Where(c => c.ContainsKey("expect")).Select(c => c.GetString("op")));
            CollectionAssert.IsEmpty(ops.Where(o => !covered.Contains(o)).ToList(), "operations without a request vector");
        }

        [TestCaseSource("RequestCases")]
        public void Request(string file, string name)
        {
            var c = Case("requests", file, name);
            var args = new JsonObject();
            args["op"] = c["op"];
            args["args"] = c["args"];
            var endpoints = FileOf("requests", file)["endpoints"];
            if (endpoints != null) args["endpoints"] = endpoints;
            if (c.ContainsKey("error"))
            {
                var ex = Assert.Throws(Is.InstanceOf<StoreSubmitException>(), () => Native.Call("buildRequest", args)) as StoreSubmitException;
                Assert.AreEqual(c.GetString("error"), ex.Code);
                Assert.AreEqual(StoreSubmitException.ExceptionTypes[ex.Code], ex.GetType());
                return;
            }
            var req = (JsonObject)Native.Call("buildRequest", args);
            var exp = c.GetObject("expect");
            Assert.AreEqual(exp.GetString("method"), req.GetString("method"));
            Assert.AreEqual(exp.GetString("url"), req.GetString("url"));
            var got = req.GetArray("headers").Cast<JsonArray>().ToDictionary(h => ((string)h[0]).ToLowerInvariant(), h => (string)h[1]);
            var want = exp.GetObject("headers").ToDictionary(h => h.Key.ToLowerInvariant(), h => (string)h.Value);
            Assert.AreEqual(want.Count, req.GetArray("headers").Count, "header count");
            CollectionAssert.AreEquivalent(want, got);
            var body = req.GetString("body") ?? "";
            if (exp.ContainsKey("json")) Assert.IsTrue(JsonEq.DeepEquals(exp["json"], Json.Parse(body)), "json body " + body);
            else if (exp.ContainsKey("form")) Assert.AreEqual(exp.GetString("form"), body);
            else Assert.AreEqual("", body);
        }

        internal static JsonObject ResponseOf(JsonObject r)
        {
            var o = new JsonObject();
            o["status"] = r["status"];
            o["headers"] = r["headers"] ?? new JsonObject();
            if (r.ContainsKey("json")) o["text"] = Json.Serialize(r["json"]);
            else if (r.ContainsKey("text")) o["text"] = r["text"];
            return o;
        }

        internal static void CheckError(StoreSubmitException ex, JsonObject exp)
        {
            Assert.AreEqual(exp.GetString("error"), ex.Code);
            Assert.AreEqual(StoreSubmitException.ExceptionTypes[ex.Code], ex.GetType(), "the code's class");
            if (exp.ContainsKey("status")) Assert.AreEqual(exp["status"] == null ? (int?)null : Convert.ToInt32(exp["status"]), ex.Status, "status");
            if (exp.ContainsKey("retryable")) Assert.AreEqual(exp["retryable"], ex.Retryable, "retryable");
            if (exp.ContainsKey("retryAfterMs"))
            {
                if (exp["retryAfterMs"] == null) Assert.IsNull(ex.RetryAfter, "retryAfter");
                else Assert.AreEqual(Convert.ToDouble(exp["retryAfterMs"]), ex.RetryAfter.Value.TotalMilliseconds, 0.5, "retryAfter");
            }
            if (exp.ContainsKey("correlationId")) Assert.AreEqual(exp["correlationId"], ex.CorrelationId, "correlationId");
            if (exp.ContainsKey("serverErrors"))
            {
                var want = exp.GetArray("serverErrors").Cast<JsonObject>().ToList();
                Assert.AreEqual(want.Count, ex.ServerErrors.Count, "server errors");
                for (var i = 0; i < want.Count; i++)
                {
                    Assert.AreEqual(want[i].GetString("code"), ex.ServerErrors[i].Code);
                    Assert.AreEqual(want[i].GetString("message"), ex.ServerErrors[i].Message);
                    Assert.AreEqual(want[i].GetString("target"), ex.ServerErrors[i].Target);
                }
            }
            foreach (var s in exp.GetArray("messageContains") ?? new JsonArray()) StringAssert.Contains((string)s, ex.Message);
            foreach (var s in exp.GetArray("secretsAbsent") ?? new JsonArray())
            {
                StringAssert.DoesNotContain((string)s, ex.ToString());
                foreach (var item in ex.ServerErrors) StringAssert.DoesNotContain((string)s, item.Message);
            }
        }

        [TestCaseSource("ResponseCases")]
        public void Response(string file, string name)
        {
            var c = Case("responses", file, name);
            var args = new JsonObject();
            args["op"] = c["op"];
            args["response"] = ResponseOf(c.GetObject("response"));
            var exp = c.GetObject("expect");
            if (exp["ok"] is bool && (bool)exp["ok"])
            {
                Assert.DoesNotThrow(() => Native.Call("parseResponse", args));
                return;
            }
            var ex = Assert.Throws(Is.InstanceOf<StoreSubmitException>(), () => Native.Call("parseResponse", args)) as StoreSubmitException;
            CheckError(ex, exp);
        }

        [TestCaseSource("ValidationCases")]
        public void Validation(string file, string name)
        {
            var c = Case("validation", file, name);
            var args = new JsonObject();
            args["kind"] = c["kind"];
            if (c.ContainsKey("doc_file")) args["document"] = File.ReadAllText(Path.Combine(Repo.Vectors("validation"), c.GetString("doc_file")));
            else if (c.ContainsKey("doc_text")) args["document"] = c["doc_text"];
            // a JSON string as the document is its JSON text (a string alone would be read as the document's text)
            else args["document"] = c["doc"] is string ? Json.Serialize(c["doc"]) : c["doc"];
            var files = c.GetArray("files");
            string scratch = null;
            if (files != null && (c.ContainsKey("fileBytes") || c.ContainsKey("fileSizes") || c.ContainsKey("folderMissing")))
            {
                // a folder: the core reads sizes and media files' first bytes from it (sparse files as long as fileSizes says)
                scratch = Path.Combine(Path.GetTempPath(), "storesubmit-vector-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(scratch);
                args["files"] = c.ContainsKey("folderMissing") ? Path.Combine(scratch, c.GetString("folderMissing")) : scratch;
                var heads = c.GetObject("fileBytes") ?? new JsonObject();
                var sizes = c.GetObject("fileSizes") ?? new JsonObject();
                var empty = new HashSet<object>(c.GetArray("emptyFiles") ?? new JsonArray());
                if (!c.ContainsKey("folderMissing"))
                {
                    foreach (string f in files)
                    {
                        var target = Path.Combine(scratch, Path.Combine(f.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries)));
                        Directory.CreateDirectory(Path.GetDirectoryName(target));
                        var body = empty.Contains(f) ? new byte[0] : heads.ContainsKey(f) ? Hex(heads.GetString(f)) : new byte[] { (byte)'x' };
                        using (var fs = new FileStream(target, FileMode.Create))
                        {
                            fs.Write(body, 0, body.Length);
                            if (sizes.ContainsKey(f)) fs.SetLength(Convert.ToInt64(sizes[f]));
                        }
                    }
                }
            }
            else if (files != null)
            {
                var empty = new HashSet<object>(c.GetArray("emptyFiles") ?? new JsonArray());
                if (empty.Count == 0) args["files"] = files;
                else
                {
                    var sized = new JsonObject();
                    foreach (string f in files) sized[f] = empty.Contains(f) ? 0L : 1L;
                    args["files"] = sized;
                }
            }
            ValidationReport result;
            try
            {
                result = new ValidationReport((JsonObject)Native.Call("validate", args));
            }
            finally
            {
                if (scratch != null) Directory.Delete(scratch, true);
            }
            var got = new HashSet<string>(result.Issues.Select(i => i.Code + " @ " + i.Path));
            var want = new HashSet<string>(c.GetArray("expect").Cast<JsonObject>().Select(e => e.GetString("code") + " @ " + e.GetString("path")));
            CollectionAssert.AreEquivalent(want, got, string.Join(", ", result.Issues));
            Assert.AreEqual(!result.Issues.Any(i => i.IsError), result.Valid);
            foreach (var i in result.Issues) Assert.IsNotEmpty(i.Message, i.Code);
        }

        /// <summary>Bytes from hex (a vector's <c>fileBytes</c>, the behaviour vectors' <c>fileHeaders</c>).</summary>
        internal static byte[] Hex(string hex)
        {
            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
            return bytes;
        }

        [TestCaseSource("BlobCases")]
        public void Blob(string file, string name)
        {
            var c = Case("blob", file, name);
            var args = new JsonObject();
            args["file"] = Path.GetFileNameWithoutExtension(file);
            args["case"] = c;
            var answer = (JsonObject)Native.Call("blobVector", args);
            Assert.IsNotEmpty(answer.Keys, "an answer");
            foreach (var kv in answer)
            {
                if (kv.Key == "failure")
                {
                    // the typed error, through this library's exception mapping
                    CheckError((StoreSubmitException)StoreSubmitException.FromJson((JsonObject)kv.Value), c.GetObject("expect"));
                    continue;
                }
                Assert.IsTrue(c.ContainsKey(kv.Key), "the answer's key " + kv.Key + " is a key of the case");
                Assert.IsTrue(JsonEq.DeepEquals(c[kv.Key], kv.Value), kv.Key + ": got " + Offline.Redact(Json.Serialize(kv.Value)));
            }
        }
    }
}
