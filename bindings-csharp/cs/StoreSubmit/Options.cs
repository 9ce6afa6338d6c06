using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace StoreSubmit
{
    /// <summary>Retry limits for failed requests (429, 5xx, timeouts, transport failures); null keeps the core's default. Named apart from Azure.Core's RetryOptions, so both namespaces can be in scope.</summary>
    public sealed class StoreRetryOptions
    {
        /// <summary>Attempts per request, the first included.</summary>
        public int? MaxAttempts { get; set; }

        /// <summary>The first back-off delay.</summary>
        public TimeSpan? BaseDelay { get; set; }

        /// <summary>The longest back-off delay.</summary>
        public TimeSpan? MaxDelay { get; set; }

        /// <summary>The longest Retry-After the workflow waits before giving up.</summary>
        public TimeSpan? MaxRetryAfter { get; set; }

        internal JsonObject ToJson()
        {
            return Wire.Object("maxAttempts", MaxAttempts, "baseDelay", Wire.Seconds(BaseDelay), "maxDelay", Wire.Seconds(MaxDelay),
                "maxRetryAfter", Wire.Seconds(MaxRetryAfter));
        }
    }

    /// <summary>How often a workflow polls a submission's status; null keeps the core's default.</summary>
    public sealed class PollOptions
    {
        /// <summary>The first delay.</summary>
        public TimeSpan? Initial { get; set; }

        /// <summary>The growth factor of the delay.</summary>
        public double? Factor { get; set; }

        /// <summary>The longest delay.</summary>
        public TimeSpan? Max { get; set; }

        internal JsonObject ToJson() { return Wire.Object("initial", Wire.Seconds(Initial), "factor", Factor, "max", Wire.Seconds(Max)); }
    }

    /// <summary>How files go to a blob: in blocks of <see cref="BlockSize"/> bytes, <see cref="Concurrency"/> at once; null keeps the core's default.</summary>
    public sealed class BlockUploadOptions
    {
        /// <summary>Bytes per block.</summary>
        public int? BlockSize { get; set; }

        /// <summary>Blocks uploaded at once.</summary>
        public int? Concurrency { get; set; }

        internal JsonObject ToJson() { return Wire.Object("blockSize", BlockSize, "concurrency", Concurrency); }
    }

    /// <summary>Settings of a <see cref="StoreSubmitClient"/>. Every one is optional.</summary>
    public sealed partial class StoreSubmitClientOptions
    {
        /// <summary>The <see cref="System.Net.Http.HttpClient"/> that sends every request (its own timeout is not used: the workflows time requests themselves). Default: one the client creates.</summary>
        public HttpClient HttpClient { get; set; }

        /// <summary>The handler for the client's own <see cref="System.Net.Http.HttpClient"/> (a proxy, a logging or test handler), when <see cref="HttpClient"/> is not set.</summary>
        public HttpMessageHandler HttpMessageHandler { get; set; }

        /// <summary>Receives every progress event of every run (stages, requests, waits, upload bytes).</summary>
        public IProgress<ProgressEvent> Progress { get; set; }
    }

    /// <summary>Conversions between C# values and the core's JSON.</summary>
    internal static partial class Wire
    {
        /// <summary>An enum value's JSON spelling (null for null).</summary>
        internal static string Name(Enum value)
        {
            return value == null ? null : Names[value.GetType()][Convert.ToInt32(value, CultureInfo.InvariantCulture)];
        }

        /// <summary>The enum value of a JSON spelling; null when absent or unknown.</summary>
        internal static T? Parse<T>(string name) where T : struct
        {
            var i = name == null ? -1 : Array.IndexOf(Names[typeof(T)], name);
            return i < 0 ? (T?)null : (T)Enum.ToObject(typeof(T), i);
        }

        internal static object Seconds(TimeSpan? t) { return t.HasValue ? (object)t.Value.TotalSeconds : null; }

        internal static string[] Strings(object v)
        {
            var a = v as JsonArray;
            return a == null ? new string[0] : a.OfType<string>().ToArray();
        }

        /// <summary>An object of the pairs whose value is not null.</summary>
        internal static JsonObject Object(params object[] pairs)
        {
            var o = new JsonObject();
            for (var i = 0; i < pairs.Length; i += 2)
                if (pairs[i + 1] != null) o[(string)pairs[i]] = pairs[i + 1];
            return o;
        }
    }
}
