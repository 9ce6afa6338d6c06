using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using StoreSubmit;

namespace StoreSubmit.Tests
{
    /// <summary>
    /// tests/vectors/behaviour (format in its README) on the .NET surface: each scenario against a fresh emulator
    /// through the generated facade method its request names (publish, cancel at each stage with a
    /// <see cref="CancellationToken"/> then resume — exactly one submission —, pre-flight refusals before any
    /// request, no secret value in an error that a gateway's echo reached), and every validation case through
    /// <see cref="Validator.Validate"/>.
    /// </summary>
    [TestFixture]
    public class BehaviourTests
    {
        private static readonly JsonObject Vectors = (JsonObject)Repo.ReadJson(Repo.Vectors("behaviour", "scenarios.json"));

        public static IEnumerable<TestCaseData> Scenarios()
        {
            return Vectors.GetArray("scenarios").Cast<JsonObject>().Select(s => new TestCaseData(s.GetString("name")).SetName("behaviour: " + s.GetString("name")));
        }

        public static IEnumerable<TestCaseData> ValidationCases()
        {
            return Vectors.GetArray("validate").Cast<JsonObject>().Select(s => new TestCaseData(s.GetString("name")).SetName("behaviour: " + s.GetString("name")));
        }

        private static JsonObject Named(string key, string name)
        {
            return Vectors.GetArray(key).Cast<JsonObject>().Single(s => s.GetString("name") == name);
        }

        internal static string Pascal(string s)
        {
            return string.Concat(s.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
        }

        /// <summary>Progress that cancels the run at the first event holding every field of <c>cancelOn</c>.</summary>
        private sealed class CancelOn : IProgress<ProgressEvent>
        {
            internal JsonObject When;
            internal CancellationTokenSource Source;

            public void Report(ProgressEvent e)
            {
                if (When != null && When.All(kv => JsonEq.DeepEquals(kv.Value, e.Json[kv.Key]))) Source.Cancel();
            }
        }

        /// <summary>Runs a request through the facade method it names (the <c>object</c> overload of the changes).</summary>
        internal static Task<Outcome> Invoke(StoreSubmitClient client, JsonObject request, string folder, IProgress<ProgressEvent> progress, CancellationToken ct)
        {
            var method = typeof(StoreSubmitClient).GetMethods()
                .Where(m => m.Name == Pascal(request.GetString("workflow")) + "Async")
                .Single(m => m.GetParameters().All(p => p.Name != "changes" || p.ParameterType == typeof(object)));
            var args = method.GetParameters().Select(p =>
            {
                if (p.ParameterType == typeof(CancellationToken)) return ct;
                if (p.Name == "progress") return progress;
                if (p.Name != "options") return Value(request[p.Name], p.ParameterType);
                var o = Activator.CreateInstance(p.ParameterType);
                var props = p.ParameterType.GetProperties();
                props.Single(x => x.Name == "FilesFolder").SetValue(o, folder);
                props.Single(x => x.Name == "Progress").SetValue(o, progress);
                foreach (var kv in request.Where(kv => kv.Key != "workflow" && method.GetParameters().All(x => x.Name != kv.Key)))
                {
                    var prop = props.Single(x => x.Name == Pascal(kv.Key));
                    prop.SetValue(o, Value(kv.Value, prop.PropertyType));
                }
                return o;
            }).ToArray();
            return (Task<Outcome>)method.Invoke(client, args);
        }

        private static object Value(object v, Type t)
        {
            var inner = Nullable.GetUnderlyingType(t) ?? t;
            if (v == null || !inner.IsEnum) return v is long && inner == typeof(double) ? Convert.ToDouble(v) : v;
            return Enum.Parse(inner, Pascal((string)v));
        }

        /// <summary>The vectors' client options and the scenario's own, as the typed options (a key this runner
        /// does not know fails it).</summary>
        private static StoreSubmitClientOptions Options(Emulator emu, JsonObject scenario)
        {
            var o = emu.Options();
            var all = Vectors.GetObject("clientOptions").Concat(scenario.GetObject("clientOptions") ?? new JsonObject());
            foreach (var kv in all)
            {
                if (kv.Key == "deadline")
                {
                    o.Deadline = TimeSpan.FromSeconds(Convert.ToDouble(kv.Value));
                    continue;
                }
                var v = (JsonObject)kv.Value;
                Func<string, TimeSpan?> secs = k => v.ContainsKey(k) ? TimeSpan.FromSeconds(Convert.ToDouble(v[k])) : (TimeSpan?)null;
                if (kv.Key == "poll") o.Poll = new PollOptions { Initial = secs("initial"), Factor = Convert.ToDouble(v["factor"]), Max = secs("max") };
                else if (kv.Key == "upload") o.Upload = new BlockUploadOptions { BlockSize = Convert.ToInt32(v["blockSize"]), Concurrency = Convert.ToInt32(v["concurrency"]) };
                else Assert.Fail("clientOptions/" + kv.Key + ": not known to this runner");
            }
            return o;
        }

        private static string WriteFiles(string name, JsonObject files)
        {
            var dir = Path.Combine(Path.GetTempPath(), "storesubmit-cs-behaviour-" + name + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            foreach (var kv in files)
            {
                var path = Path.Combine(dir, kv.Key.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                var size = Convert.ToInt64(kv.Value);
                var bytes = new byte[size];
                for (long i = 0; i < size; i++) bytes[i] = (byte)(i % 251);
                // a name ending in a fileHeaders extension starts with those bytes (a .png: a real PNG header)
                foreach (var h in Vectors.GetObject("fileHeaders") ?? new JsonObject())
                {
                    if (!kv.Key.EndsWith(h.Key, StringComparison.OrdinalIgnoreCase)) continue;
                    var head = VectorTests.Hex((string)h.Value);
                    Array.Copy(head, bytes, Math.Min(head.Length, bytes.Length));
                }
                File.WriteAllBytes(path, bytes);
            }
            return dir;
        }

        private static void Includes(string what, JsonObject want, JsonModel got)
        {
            foreach (var kv in want)
                Assert.IsTrue(JsonEq.DeepEquals(kv.Value, got.Json[kv.Key]), what + ": " + kv.Key + " in " + got);
        }

        [TestCaseSource("Scenarios")]
        public async Task Scenario(string name)
        {
            var s = Named("scenarios", name);
            using (var emu = Emulator.Start())
            {
                emu.Admin("PATCH", "/settings", Json.Serialize(Vectors["emulatorSettings"]));
                foreach (var f in s.GetArray("faults") ?? new JsonArray()) emu.Admin("POST", "/faults", Json.Serialize(f));
                emu.Admin("DELETE", "/requests");
                var folder = WriteFiles(name, s.GetObject("files"));
                var text = Json.Serialize(s["request"]);
                foreach (var id in new[] { "app", "addon", "flight" }) text = text.Replace("{" + id + "Id}", emu[id + "_id"]);
                var request = Repo.Obj(text);
                try
                {
                    using (var client = new StoreSubmitClient(emu.Credential(), Options(emu, s)))
                    using (var cts = new CancellationTokenSource())
                    {
                        Exception error = null;
                        Outcome outcome = null;
                        var started = System.Diagnostics.Stopwatch.StartNew();
                        try
                        {
                            outcome = await Invoke(client, request, folder, new CancelOn { When = s.GetObject("cancelOn"), Source = cts }, cts.Token);
                        }
                        catch (Exception e) { error = e; }
                        var expect = s.GetObject("expect");
                        if (expect.ContainsKey("withinSeconds"))
                            Assert.LessOrEqual(started.Elapsed.TotalSeconds, Convert.ToDouble(expect["withinSeconds"]), name + ": the run took too long");
                        string token = null;
                        if (expect.ContainsKey("outcome"))
                        {
                            Assert.IsNull(error, name + ": " + error);
                            Includes(name, expect.GetObject("outcome"), outcome);
                        }
                        else if (expect.GetString("error") == "cancelled")
                        {
                            Assert.IsInstanceOf<OperationCanceledException>(error, name + ": " + error);
                            var c = (CancelledException)error;
                            Assert.AreEqual(cts.Token, c.CancellationToken, name);
                            token = c.ResumeToken;
                            if (expect["resumeToken"] is bool) Assert.IsNotNull(token, name + ": no resume token in " + c.Error);
                        }
                        else
                        {
                            var e = error as StoreSubmitException;
                            Assert.IsNotNull(e, name + ": " + error);
                            Assert.AreEqual(expect.GetString("error"), e.Code, name + ": " + e);
                            foreach (string code in expect.GetArray("issues") ?? new JsonArray())
                                Assert.IsTrue(e.Issues.Any(i => i.Code == code), name + ": " + code + " among " + string.Join(", ", e.Issues));
                        }
                        if (s["secretsAbsent"] is bool)
                        {
                            var e = (StoreSubmitException)error;
                            var shown = e.ToString() + " " + e.Message + " " + e.Error.Json;
                            foreach (string secret in (JsonArray)emu.Admin("GET", "/issued"))
                                StringAssert.DoesNotContain(secret, shown, name + ": a secret value shows");
                            StringAssert.Contains("the gateway repeats your request", shown, name + ": the echo reached the error");
                        }
                        var then = s.GetString("then");
                        if (then != null)
                        {
                            Assert.IsTrue(token != null || then == "resumeOrRerun", name + ": resume needs a token");
                            var last = token != null
                                ? await client.ResumeAsync(token, new ResumeOptions { FilesFolder = folder })
                                : await Invoke(client, request, folder, null, CancellationToken.None);
                            Includes(name + " (final)", s.GetObject("final"), last);
                        }
                    }
                    var seen = ((JsonArray)emu.Admin("GET", "/requests")).Cast<JsonObject>().ToList();
                    var service = s.GetObject("service") ?? new JsonObject();
                    if (service.ContainsKey("requests")) Assert.AreEqual(Convert.ToInt32(service["requests"]), seen.Count, name + ": requests " + Json.Serialize(seen));
                    foreach (var op in service.GetObject("ops") ?? new JsonObject())
                    {
                        var ok = seen.Count(r => r.GetString("op") == op.Key && Convert.ToInt32(r["status"]) / 100 == 2);
                        Assert.AreEqual(Convert.ToInt32(op.Value), ok, name + ": " + op.Key + " answered 2xx");
                    }
                }
                finally
                {
                    Directory.Delete(folder, true);
                }
            }
        }

        [TestCaseSource("ValidationCases")]
        public void Validation(string name)
        {
            var c = Named("validate", name);
            var options = new ValidateOptions { Files = c["files"], Change = c["change"] is bool && (bool)c["change"] };
            if (c.ContainsKey("kind")) options.Kind = (DocumentKind)Enum.Parse(typeof(DocumentKind), Pascal(c.GetString("kind")));
            var report = Validator.Validate(c["document"], options);
            var expect = c.GetObject("expect");
            Assert.AreEqual(expect["valid"], report.Valid, name + ": " + string.Join(", ", report.Issues));
            Assert.AreEqual(expect.GetString("kind"), report.Json["kind"], name);
            foreach (string code in expect.GetArray("issues") ?? new JsonArray())
                Assert.IsTrue(report.Issues.Any(i => i.Code == code), name + ": " + code + " among " + string.Join(", ", report.Issues));
        }
    }
}
