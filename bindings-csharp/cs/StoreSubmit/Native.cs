using System;
using System.Runtime.InteropServices;
using System.Text;

namespace StoreSubmit.Interop
{
    /// <summary>A buffer the native library handed out (<c>{uint8_t *ptr; size_t len;}</c>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SsBuf
    {
        public IntPtr Ptr;
        public UIntPtr Len;
    }

    /// <summary>
    /// A native handle (a session, a run, a token cache), freed exactly once by the runtime
    /// (<see cref="SafeHandle"/>) even when the caller forgets to dispose it.
    /// </summary>
    internal sealed class NativeHandle : SafeHandle
    {
        internal NativeHandle(ulong id) : base(IntPtr.Zero, true) { SetHandle(new IntPtr((long)id)); }

        /// <summary>Whether the handle has no native object.</summary>
        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        /// <summary>The registry key the native functions take.</summary>
        internal ulong Id
        {
            get
            {
                if (IsClosed) throw new ObjectDisposedException("storesubmit native handle");
                return (ulong)handle.ToInt64();
            }
        }

        protected override bool ReleaseHandle()
        {
            SsBuf err;
            var rc = NativeMethods.storesubmit_free((ulong)handle.ToInt64(), out err);
            Native.Free(err);
            return rc == 0;
        }
    }

    /// <summary>Conversions at the boundary: strings to NUL-terminated UTF-8, buffers to bytes, error JSON to exceptions.</summary>
    internal static class Native
    {
        private static readonly object Checked = new object();
        private static bool _checked;

        /// <summary>The ABI this library was written for.</summary>
        internal const uint AbiVersion = 2;

        /// <summary>Fails early (and clearly) when the native library is missing or of another ABI.</summary>
        internal static void EnsureLoaded()
        {
            lock (Checked)
            {
                if (_checked) return;
                uint abi;
                try { abi = NativeMethods.storesubmit_abi_version(); }
                catch (DllNotFoundException e)
                {
                    throw new DllNotFoundException("storesubmit_native (libstoresubmit_native.so / storesubmit_native.dll) was not found: " +
                        "put it next to StoreSubmit.dll or on the library path (LD_LIBRARY_PATH)", e);
                }
                if (abi != AbiVersion)
                    throw new InvalidOperationException("storesubmit_native has ABI version " + abi + ", this StoreSubmit.dll needs " + AbiVersion);
                _checked = true;
            }
        }

        internal static byte[] Z(string s) { return s == null ? null : Encoding.UTF8.GetBytes(s + "\0"); }

        internal static byte[] ZJson(object v) { return Z(Json.Serialize(v)); }

        internal static byte[] Take(SsBuf buf)
        {
            var len = (int)buf.Len.ToUInt64();
            if (buf.Ptr == IntPtr.Zero || len == 0) return new byte[0];
            var bytes = new byte[len];
            Marshal.Copy(buf.Ptr, bytes, 0, len);
            NativeMethods.storesubmit_buf_free(buf.Ptr, buf.Len);
            return bytes;
        }

        internal static void Free(SsBuf buf)
        {
            if (buf.Ptr != IntPtr.Zero) NativeMethods.storesubmit_buf_free(buf.Ptr, buf.Len);
        }

        internal static object TakeJson(SsBuf buf)
        {
            var bytes = Take(buf);
            return bytes.Length == 0 ? null : Json.Parse(Encoding.UTF8.GetString(bytes));
        }

        /// <summary>Throws the typed exception of a failed call (frees <paramref name="err"/>), else frees nothing.</summary>
        internal static void Check(uint rc, SsBuf err)
        {
            if (rc == 0) { Free(err); return; }
            var json = TakeJson(err) as JsonObject;
            if (json == null)
            {
                json = new JsonObject();
                json["number"] = (long)rc;
                json["message"] = "the native library failed with error number " + rc;
            }
            throw StoreSubmitException.FromJson(json);
        }

        /// <summary>UTF-8 bytes (null for null), cleared by the caller after use when they hold a secret.</summary>
        internal static byte[] Utf8(string s) { return s == null ? null : Encoding.UTF8.GetBytes(s); }

        internal static UIntPtr Len(byte[] b) { return new UIntPtr(b == null ? 0u : (uint)b.Length); }

        /// <summary>One of the core's JSON calls (<c>storesubmit::wire::call</c>).</summary>
        internal static object Call(string name, object args)
        {
            EnsureLoaded();
            SsBuf output, err;
            var rc = NativeMethods.storesubmit_call(Z(name), ZJson(args ?? new JsonObject()), out output, out err);
            Check(rc, err);
            return TakeJson(output);
        }

        internal static NativeHandle NewTokens()
        {
            EnsureLoaded();
            ulong h;
            SsBuf err;
            Check(NativeMethods.storesubmit_tokens_new(out h, out err), err);
            return new NativeHandle(h);
        }
    }

    /// <summary>
    /// A workflow or ZIP job on the core's executor (<c>storesubmit::host::Session</c>): it hands this host only
    /// the tasks it keeps (sends, tokens, writes) and runs the rest (waits, file reads, the ZIP) natively.
    /// </summary>
    internal sealed class NativeSession : IDisposable
    {
        private readonly NativeHandle _h;

        private NativeSession(NativeHandle h) { _h = h; }

        internal static NativeSession Start(JsonObject options, string secret, JsonObject request, NativeHandle tokens, JsonObject host)
        {
            Native.EnsureLoaded();
            var s = Native.Utf8(secret);
            ulong h;
            SsBuf err;
            uint rc;
            try
            {
                rc = NativeMethods.storesubmit_session_start(Native.ZJson(options), s, Native.Len(s), Native.ZJson(request),
                    tokens == null ? 0 : tokens.Id, Native.ZJson(host), out h, out err);
            }
            finally
            {
                if (s != null) Array.Clear(s, 0, s.Length);
            }
            Native.Check(rc, err);
            return new NativeSession(new NativeHandle(h));
        }

        /// <summary><c>{progress, tasks, done}</c> within <paramref name="timeoutMs"/> (blocks this thread only).</summary>
        internal JsonObject Next(uint timeoutMs)
        {
            SsBuf output, err;
            Native.Check(NativeMethods.storesubmit_session_next(_h.Id, timeoutMs, out output, out err), err);
            return (JsonObject)Native.TakeJson(output);
        }

        internal byte[] TakeBody(ulong id)
        {
            SsBuf output, err;
            Native.Check(NativeMethods.storesubmit_session_take_body(_h.Id, id, out output, out err), err);
            return Native.Take(output);
        }

        internal void Complete(JsonObject completion, byte[] data)
        {
            SsBuf err;
            Native.Check(NativeMethods.storesubmit_session_complete(_h.Id, Native.ZJson(completion), data, Native.Len(data), out err), err);
        }

        internal void Cancel()
        {
            SsBuf err;
            Native.Check(NativeMethods.storesubmit_session_cancel(_h.Id, out err), err);
        }

        /// <summary>Frees the session (a run still going stops).</summary>
        public void Dispose() { _h.Dispose(); }
    }
}
