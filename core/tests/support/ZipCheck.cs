// Independent ZIP check with Mono's System.IO.Compression.ZipArchive (compiled by the test suite with
// mcs). Opens the archive, reads every entry through ZipArchiveEntry.Open(), and prints one line per
// entry: name, Length, CompressedLength, bytes actually read, CRC-32 of the bytes read (or "-" when the
// entry is larger than the limit given as the second argument), and the last 8 bytes read (hex).
// Exit code 0 on success; any exception fails with code 2.
using System;
using System.IO;
using System.IO.Compression;
using System.Text;

static class ZipCheck
{
    static readonly uint[] Table = MakeTable();

    static uint[] MakeTable()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }

    static int Main(string[] args)
    {
        long crcLimit = args.Length > 1 ? long.Parse(args[1]) : long.MaxValue;
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
        try
        {
            using (var fs = File.OpenRead(args[0]))
            using (var zip = new ZipArchive(fs, ZipArchiveMode.Read, false, new UTF8Encoding(false)))
            {
                output.WriteLine("entries\t" + zip.Entries.Count);
                var buf = new byte[1 << 20];
                var tail = new byte[8];
                foreach (var e in zip.Entries)
                {
                    bool doCrc = e.Length <= crcLimit;
                    uint crc = 0xFFFFFFFFu;
                    long read = 0;
                    int tailLen = 0;
                    using (var s = e.Open())
                    {
                        int r;
                        while ((r = s.Read(buf, 0, buf.Length)) > 0)
                        {
                            if (doCrc)
                                for (int i = 0; i < r; i++) crc = Table[(crc ^ buf[i]) & 0xFF] ^ (crc >> 8);
                            if (r >= 8) { Array.Copy(buf, r - 8, tail, 0, 8); tailLen = 8; }
                            else
                            {
                                int keep = Math.Min(tailLen, 8 - r);
                                Array.Copy(tail, tailLen - keep, tail, 0, keep);
                                Array.Copy(buf, 0, tail, keep, r);
                                tailLen = keep + r;
                            }
                            read += r;
                        }
                    }
                    var hex = new StringBuilder();
                    for (int i = 0; i < tailLen; i++) hex.Append(tail[i].ToString("x2"));
                    output.WriteLine(e.FullName + "\t" + e.Length + "\t" + e.CompressedLength + "\t" + read + "\t"
                        + (doCrc ? (crc ^ 0xFFFFFFFFu).ToString("x8") : "-") + "\t" + hex);
                }
            }
        }
        catch (Exception ex)
        {
            output.Flush();
            Console.Error.WriteLine("ZipArchive failed: " + ex);
            return 2;
        }
        output.Flush();
        return 0;
    }
}
