using System.Threading.Tasks;
using NUnit.Framework;

namespace StoreSubmit.Tests
{
    /// <summary>The README's C# quickstart (compiled into this suite by scripts/test.d/80-csharp.sh) runs against the emulator.</summary>
    [TestFixture]
    public class QuickstartTests
    {
        [Test]
        public async Task TheReadmeQuickstartPublishes()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            using (var client = emu.Client())
            {
                var outcome = await global::Quickstart.PublishAsync(client, emu["app_id"], release.Folder);
                Assert.AreEqual("published", outcome.Stage);
                Assert.AreEqual("Published", outcome.Status);
                var sub = await client.Devcenter.GetAppSubmissionAsync(emu["app_id"], outcome.SubmissionId);
                Assert.AreEqual("Faster sync.", sub.Listings["en-us"].BaseListing.Description);
                Assert.AreEqual(25.0, sub.PackageDeliveryOptions.PackageRollout.PackageRolloutPercentage);
            }
        }
    }
}
