using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using StoreSubmit;
using StoreSubmit.Models;

namespace StoreSubmit.Tests
{
    [TestFixture]
    public class PackagingTests
    {
        /// <summary>The quickstart's changes as a complete submission whose files are pending upload.</summary>
        internal static AppSubmission Pending()
        {
            var doc = EndToEndTests.AppChanges();
            foreach (var p in doc.ApplicationPackages)
            {
                p.FileStatus = "PendingUpload";
                p.MinimumDirectXVersion = "None";
                p.MinimumSystemRam = "None";
            }
            foreach (var i in doc.Listings["en-us"].BaseListing.Images) i.FileStatus = "PendingUpload";
            return doc;
        }

        [Test]
        public async Task TheZipOfASubmissionHoldsEveryNamedFileByteForByte()
        {
            using (var release = new Release())
            using (var output = new MemoryStream())
            {
                var doc = Pending();
                var entries = Offline.PackageEntries(DocumentKind.AppSubmission, doc);
                Assert.AreEqual(2, entries.Count, entries.ToString());
                var progress = new Recorder();
                PackReport report;
                using (var client = new StoreSubmitClient(null))
                    report = await client.PackAsync(output, new PackOptions { Kind = DocumentKind.AppSubmission, Document = doc, FilesFolder = release.Folder, Progress = progress });
                var last = progress.Events.Last();
                Assert.AreEqual(ProgressKind.Pack, last.Kind);
                Assert.AreEqual(report.InputBytes, last.Done);
                Assert.AreEqual(report.InputBytes, last.Total);
                Assert.AreEqual(output.Length, report.Size);
                CollectionAssert.AreEqual(entries.Cast<JsonObject>().Select(e => e.GetString("name")).ToArray(), report.Entries.ToArray());
                Assert.AreEqual((5 << 20) + (64 << 10), report.InputBytes);
                output.Position = 0;
                using (var zip = new ZipArchive(output, ZipArchiveMode.Read))
                {
                    CollectionAssert.AreEqual(entries.Cast<JsonObject>().Select(e => e.GetString("name")).ToArray(), zip.Entries.Select(e => e.FullName).ToArray());
                    foreach (JsonObject e in entries)
                    {
                        var source = File.ReadAllBytes(Path.Combine(release.Folder, e.GetString("sourceName").Replace('\\', '/')));
                        using (var s = zip.GetEntry(e.GetString("name")).Open())
                        using (var copy = new MemoryStream())
                        {
                            s.CopyTo(copy);
                            Assert.IsTrue(source.SequenceEqual(copy.ToArray()), e.GetString("name") + " is byte for byte the file");
                        }
                    }
                }
            }
        }

        [Test]
        public async Task APlainListOfFilesToAFileStream()
        {
            using (var release = new Release())
            {
                var path = Path.Combine(release.Folder, "out.zip");
                PackReport report;
                using (var output = File.Create(path))
                using (var client = new StoreSubmitClient(null))
                    report = await client.PackAsync(output, new PackOptions { Names = new[] { "Images/Icon300.png", "Assets/logo-en-us.png" }, FilesFolder = release.Folder });
                Assert.AreEqual(new FileInfo(path).Length, report.Size);
                using (var zip = ZipFile.OpenRead(path))
                    CollectionAssert.AreEquivalent(new[] { "Images/Icon300.png", "Assets/logo-en-us.png" }, zip.Entries.Select(e => e.FullName).ToArray());
            }
        }

        [Test]
        public void ACancelledPackIsACancelledError()
        {
            using (var release = new Release())
            using (var output = new MemoryStream())
            using (var cts = new System.Threading.CancellationTokenSource())
            {
                cts.Cancel();
                using (var client = new StoreSubmitClient(null))
                {
                    var ex = Assert.Throws<CancelledException>(() => client.PackAsync(output,
                        new PackOptions { Names = new[] { "Contoso.App_1.2.0.0_x64.msixupload" }, FilesFolder = release.Folder }, cts.Token).GetAwaiter().GetResult());
                    Assert.AreEqual(CancelledException.ErrorNumber, ex.Number);
                }
            }
        }

        [Test]
        public void AMissingFileAndAnUnsafeNameAreTypedErrors()
        {
            using (var release = new Release())
            using (var output = new MemoryStream())
            using (var client = new StoreSubmitClient(null))
            {
                var ex = Assert.Throws(Is.InstanceOf<StoreSubmitException>(),
                    () => client.PackAsync(output, new PackOptions { Names = new[] { "nope.bin" }, FilesFolder = release.Folder }).GetAwaiter().GetResult()) as StoreSubmitException;
                Assert.That(ex.Code, Is.EqualTo("missing_files").Or.EqualTo("io"), ex.ToString());
                var unsafeName = Assert.Throws(Is.InstanceOf<StoreSubmitException>(),
                    () => client.PackAsync(output, new PackOptions { Names = new[] { "../outside.bin" }, FilesFolder = release.Folder }).GetAwaiter().GetResult()) as StoreSubmitException;
                Assert.That(unsafeName.Code, Is.EqualTo("invalid_archive").Or.EqualTo("invalid_argument"), unsafeName.ToString());
            }
        }
    }

    [TestFixture]
    public class ValidatorTests
    {
        [Test]
        public void ATypedDocumentIsCheckedAndItsFilesCrossChecked()
        {
            var doc = PackagingTests.Pending();
            var clean = Validator.Validate(doc, new ValidateOptions { Kind = DocumentKind.AppSubmission, Files = new[] { "Contoso.App_1.2.0.0_x64.msixupload", "Images/Screenshot1.png" } });
            Assert.AreEqual(DocumentKind.AppSubmission, clean.Kind);
            Assert.IsFalse(clean.Issues.Any(i => i.Code.StartsWith("files.", StringComparison.Ordinal)), string.Join(", ", clean.Issues));
            var missing = Validator.Validate(doc, new ValidateOptions { Kind = DocumentKind.AppSubmission, Files = new[] { "Images/Screenshot1.png" } });
            Assert.IsFalse(missing.Valid);
            var issue = missing.Issues.First(i => i.Code == "files.missing");
            StringAssert.Contains("applicationPackages", issue.Path);
            var ex = Assert.Throws<ValidationException>(missing.ThrowIfInvalid);
            Assert.AreEqual("validation", ex.Code);
            Assert.IsTrue(ex.Issues.Any(i => i.Code == "files.missing"));
        }

        [Test]
        public void TextIsReadLenientlyAndAFolderKnowsEmptyFiles()
        {
            var text = Validator.Validate("{\"packageUrl\": \"https://contoso.com/setup.msi\",}", new ValidateOptions { Kind = DocumentKind.Win32Package });
            Assert.IsTrue(text.Issues.Any(i => i.Code == "json.trailing_comma" && !i.IsError), string.Join(", ", text.Issues));
            var broken = Validator.Validate("{nope", new ValidateOptions { Kind = DocumentKind.Win32Package });
            Assert.AreEqual("json.syntax", broken.Issues.Single().Code);
            using (var release = new Release())
            {
                File.WriteAllBytes(Path.Combine(release.Folder, "Contoso.App_1.2.0.0_x64.msixupload"), new byte[0]);
                var r = Validator.Validate(PackagingTests.Pending(), new ValidateOptions { Kind = DocumentKind.AppSubmission, Files = release.Folder });
                Assert.IsTrue(r.Issues.Any(i => i.Code == "files.empty"), string.Join(", ", r.Issues));
            }
            Assert.AreEqual(DocumentKind.AppSubmission, Offline.GuessKind(Repo.Obj("{\"applicationPackages\": [], \"listings\": {}}")));
            var parsed = (JsonObject)Offline.ParseJson("{\"a\": 1, // note\n}");
            Assert.AreEqual(1L, parsed.GetObject("document")["a"]);
            Assert.IsTrue(parsed.GetArray("issues").Cast<JsonObject>().Any(i => i.GetString("code") == "json.comment"));
            StringAssert.Contains("sig=<redacted>", Offline.RedactUrl("https://a.blob.core.windows.net/c/b?sv=1&sig=abc"));
        }
    }

    [TestFixture]
    public class JsonTests
    {
        [Test]
        public void RoundTripsAndRefusesMalformedText()
        {
            const string text = "{\"a\":[1,2.5,-3e2,true,false,null,\"x\\\"\\u00e9\\n\"],\"b\":{},\"c\":[],\"d\":9007199254740993}";
            var v = (JsonObject)Json.Parse(text);
            Assert.AreEqual(9007199254740993L, v["d"], "integers keep 64 bits");
            Assert.AreEqual("x\"\u00e9\n", ((JsonArray)v["a"])[6]);
            Assert.IsTrue(JsonEq.DeepEquals(v, Json.Parse(Json.Serialize(v))));
            CollectionAssert.AreEqual(new[] { "a", "b", "c", "d" }, v.Keys.ToArray(), "document order kept");
            foreach (var bad in new[] { "", "{", "[1,]", "{\"a\" 1}", "01x", "\"\\q\"", "[1] 2", "nul" })
                Assert.Throws<FormatException>(() => Json.Parse(bad), bad);
            var model = new AppSubmission(Repo.Obj("{\"unknownThing\": 7, \"id\": \"S1\"}"));
            model.Status = "PendingCommit";
            StringAssert.Contains("\"unknownThing\":7", model.ToString());
            Assert.AreEqual("S1", model.Id);
            model.Id = null;
            Assert.IsFalse(model.Json.ContainsKey("id"), "setting null removes the field");
        }
    }
}
