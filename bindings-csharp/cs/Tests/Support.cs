using System;
using System.Collections.Generic;
using System.Globalization;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using NUnit.Framework;
using StoreSubmit;
using StoreSubmit.Interop;

namespace StoreSubmit.Tests
{
    /// <summary>The repository (shared vectors, README) and the emulator binary the suite uses.</summary>
    internal static class Repo
    {
        internal static string Root
        {
            get
            {
                var env = Environment.GetEnvironmentVariable("STORESUBMIT_ROOT");
                if (!string.IsNullOrEmpty(env)) return env;
                for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d != null; d = d.Parent)
                    if (Directory.Exists(Path.Combine(d.FullName, "tests", "vectors"))) return d.FullName;
                throw new InvalidOperationException("set STORESUBMIT_ROOT to the repository (tests/vectors not found)");
            }
        }

        internal static string Vectors(params string[] parts)
        {
            var all = new List<string> { Root, "tests", "vectors" };
            all.AddRange(parts);
            return Path.Combine(all.ToArray());
        }

        internal static object ReadJson(string path) { return Json.Parse(File.ReadAllText(path, Encoding.UTF8)); }

        internal static JsonArray Cases(string file) { return ((JsonObject)ReadJson(file)).GetArray("cases"); }

        internal static JsonObject Obj(string json) { return (JsonObject)Json.Parse(json); }

        /// <summary>The surface contract the library is generated from.</summary>
        internal static JsonObject Manifest() { return (JsonObject)ReadJson(Path.Combine(Root, "surface", "manifest.json")); }
    }

    /// <summary>JSON values compared as values.</summary>
    internal static class JsonEq
    {
        /// <summary>Whether two JSON values are equal (objects compared as maps, numbers by value).</summary>
        internal static bool DeepEquals(object a, object b)
        {
            if (a is JsonModel) a = ((JsonModel)a).Json;
            if (b is JsonModel) b = ((JsonModel)b).Json;
            if (a == null || b == null) return a == null && b == null;
            if (Json.IsNumber(a) && Json.IsNumber(b))
                return Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture);
            var oa = a as JsonObject;
            var ob = b as JsonObject;
            if (oa != null || ob != null)
            {
                if (oa == null || ob == null || oa.Count != ob.Count) return false;
                foreach (var kv in oa)
                {
                    object other;
                    if (!ob.TryGetValue(kv.Key, out other) || !DeepEquals(kv.Value, other)) return false;
                }
                return true;
            }
            var la = a as JsonArray;
            var lb = b as JsonArray;
            if (la != null || lb != null)
            {
                if (la == null || lb == null || la.Count != lb.Count) return false;
                for (var i = 0; i < la.Count; i++) if (!DeepEquals(la[i], lb[i])) return false;
                return true;
            }
            return a.Equals(b);
        }
    }

    /// <summary>
    /// A job the test steps itself with its own clock (the C ABI's <c>storesubmit_run_*</c>, over
    /// <c>storesubmit::wire::Run</c>): what a transcript replay needs, where the executor would use real time.
    /// </summary>
    internal sealed class NativeRun : IDisposable
    {
        private readonly NativeHandle _h;
        internal ulong Now = 1;
        internal double Jitter = 0.5;

        internal NativeRun(JsonObject options, string secret, JsonObject request)
        {
            Native.EnsureLoaded();
            var s = Native.Utf8(secret);
            ulong h;
            SsBuf err;
            Native.Check(NativeMethods.storesubmit_run_start(Native.ZJson(options), s, Native.Len(s), Native.ZJson(request), out h, out err), err);
            _h = new NativeHandle(h);
        }

        internal JsonObject Step(JsonObject evt, byte[] data)
        {
            SsBuf output, err;
            Native.Check(NativeMethods.storesubmit_run_step(_h.Id, Native.ZJson(evt), data, Native.Len(data), Now, Jitter, out output, out err), err);
            return (JsonObject)Native.TakeJson(output);
        }

        internal byte[] TakeBody(ulong id)
        {
            SsBuf output, err;
            Native.Check(NativeMethods.storesubmit_run_take_body(_h.Id, id, out output, out err), err);
            return Native.Take(output);
        }

        public void Dispose() { _h.Dispose(); }
    }

    /// <summary>
    /// The <c>storesubmit-emulator</c> binary of the workspace build, started on a free loopback port for one
    /// test and stopped when disposed (it exits when its stdin closes, so no emulator outlives the suite).
    /// </summary>
    internal sealed class Emulator : IDisposable
    {
        private readonly Process _process;
        private readonly string _configPath;

        internal JsonObject Info { get; private set; }

        private Emulator(Process p, JsonObject info, string configPath)
        {
            _process = p;
            Info = info;
            _configPath = configPath;
        }

        internal static string Binary
        {
            get
            {
                var bin = Environment.GetEnvironmentVariable("STORESUBMIT_EMULATOR_BIN");
                if (string.IsNullOrEmpty(bin))
                {
                    var target = Environment.GetEnvironmentVariable("CARGO_TARGET_DIR") ?? Path.Combine(Repo.Root, "target");
                    bin = Path.Combine(target, "debug", "storesubmit-emulator");
                }
                if (!File.Exists(bin)) Assert.Fail("the emulator binary is missing at " + bin + " (cargo build -p storesubmit-emulator)");
                return bin;
            }
        }

        /// <summary>Starts an emulator whose phases take 0.2 s each (a publish takes about a second).</summary>
        internal static Emulator Start()
        {
            var config = Path.GetTempFileName();
            File.WriteAllText(config, "{\"durations\": {\"commit\": 0.2, \"preprocessing\": 0.2, \"certification\": 0.2, \"release\": 0.2, " +
                "\"win32_package_processing\": 0.2, \"win32_publishing\": 0.2, \"ingestion_processing\": 0.2, \"ingestion_publishing\": 0.2}}");
            var psi = new ProcessStartInfo(Binary, "--port 0 --stop-on-stdin-eof --config " + config)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var p = Process.Start(psi);
            p.ErrorDataReceived += (s, e) => { };
            p.BeginErrorReadLine();
            var line = p.StandardOutput.ReadLine();
            if (string.IsNullOrEmpty(line))
            {
                p.WaitForExit(5000);
                Assert.Fail("the emulator printed no first line (exit " + (p.HasExited ? p.ExitCode.ToString() : "none") + ")");
            }
            return new Emulator(p, (JsonObject)Json.Parse(line), config);
        }

        internal string this[string key] { get { return Info.GetString(key); } }

        internal StoreClientSecretCredential Credential(string secret = null)
        {
            return new StoreClientSecretCredential(this["tenant_id"], this["client_id"], secret ?? this["client_secret"], this["token_url"]);
        }

        internal StoreSubmitClientOptions Options()
        {
            return new StoreSubmitClientOptions
            {
                Endpoints = new ServiceEndpoints { Devcenter = this["devcenter_url"], Win32 = this["win32_url"], Ingestion = this["ingestion_url"], Token = this["token_url"] },
                SellerId = this["seller_id"],
                Poll = new PollOptions { Initial = TimeSpan.FromSeconds(0.05), Factor = 1.5, Max = TimeSpan.FromSeconds(0.5) },
                Retry = new StoreRetryOptions { BaseDelay = TimeSpan.FromSeconds(0.05), MaxDelay = TimeSpan.FromSeconds(0.5) },
                Deadline = TimeSpan.FromMinutes(5),
            };
        }

        internal StoreSubmitClient Client(StoreCredential credential = null, Action<StoreSubmitClientOptions> tweak = null)
        {
            var o = Options();
            if (tweak != null) tweak(o);
            return new StoreSubmitClient(credential ?? Credential(), o);
        }

        /// <summary>Adds a fault rule through the admin API (<c>{op, status, times, after_work, delay_ms, headers}</c>).</summary>
        internal void AddFault(string ruleJson)
        {
            Admin("POST", "/faults", ruleJson);
        }

        /// <summary>One call of the admin API (<c>/settings</c>, <c>/faults</c>, <c>/requests</c>): its JSON answer.</summary>
        internal object Admin(string method, string path, string json = null)
        {
            using (var http = new HttpClient())
            using (var req = new HttpRequestMessage(new HttpMethod(method), this["admin_url"] + path))
            {
                if (json != null) req.Content = new StringContent(json, Encoding.UTF8, "application/json");
                var r = http.SendAsync(req).Result;
                var text = r.Content.ReadAsStringAsync().Result;
                Assert.IsTrue(r.IsSuccessStatusCode, method + " " + path + ": " + (int)r.StatusCode + " " + text);
                return text.Length == 0 ? null : Json.Parse(text);
            }
        }

        public void Dispose()
        {
            try { _process.StandardInput.Close(); } catch (IOException) { }
            if (!_process.WaitForExit(5000)) _process.Kill();
            _process.Dispose();
            File.Delete(_configPath);
        }
    }

    /// <summary>A release folder: packages, images and listing assets with bytes that do not compress.</summary>
    internal sealed class Release : IDisposable
    {
        internal readonly string Folder;

        internal static readonly KeyValuePair<string, int>[] Files =
        {
            new KeyValuePair<string, int>("Contoso.App_1.2.0.0_x64.msixupload", 5 << 20),
            new KeyValuePair<string, int>("Contoso.App_1.2.1.0_x64.msixupload", 1 << 20),
            new KeyValuePair<string, int>("Images/Screenshot1.png", 64 << 10),
            new KeyValuePair<string, int>("Images/Icon300.png", 16 << 10),
            new KeyValuePair<string, int>("Assets/screenshot-en-us.png", 48 << 10),
            new KeyValuePair<string, int>("Assets/logo-en-us.png", 8 << 10),
        };

        internal Release()
        {
            Folder = Path.Combine(Path.GetTempPath(), "storesubmit-cs-" + Guid.NewGuid().ToString("N"));
            var seed = 1UL;
            foreach (var f in Files)
            {
                var path = Path.Combine(Folder, f.Key.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                // a listing image starts as a PNG of a size the Store takes (what validation reads of it)
                var head = f.Key.Contains("Icon") ? PngHead(300, 300) : f.Key.StartsWith("Images/") ? PngHead(1920, 1080) : new byte[0];
                var body = Filler(f.Value, seed++);
                Array.Copy(head, body, head.Length);
                File.WriteAllBytes(path, body);
            }
        }

        /// <summary>The first bytes of a PNG of that size (signature and IHDR).</summary>
        internal static byte[] PngHead(int width, int height)
        {
            var b = new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6, 0, 0, 0 };
            for (var i = 0; i < 4; i++)
            {
                b[16 + i] = (byte)(width >> (24 - 8 * i));
                b[20 + i] = (byte)(height >> (24 - 8 * i));
            }
            return b;
        }

        internal static byte[] Filler(int size, ulong seed)
        {
            var b = new byte[size];
            var x = seed | 1;
            for (var i = 0; i < size; i++)
            {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b[i] = (byte)x;
            }
            return b;
        }

        public void Dispose() { if (Directory.Exists(Folder)) Directory.Delete(Folder, true); }
    }
}
