using System.Security.Cryptography;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Updates;
using KioskAgent.Update;

namespace KioskAgent.Tests.Unit.Updates;

/// <summary>What a kiosk accepts as an update: signed by its key, newer than what runs and than every bad build, intact.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class UpdateVerifierTests : IDisposable
{
    private static readonly byte[] Payload = [1, 2, 3, 4, 5];
    private readonly string _directory = TestPaths.NewTempDirectory("update-unit");
    private readonly ECDsa _key = UpdateBundles.NewKey();

    private string PublicKey => _key.ExportSubjectPublicKeyInfoPem();

    [Fact]
    public void ASignedNewerBuild_IsAccepted_WithItsManifest()
    {
        var bundle = Bundle("1.2.0", 120);

        var manifest = UpdateVerifier.Verify(bundle, PublicKey, runningBuild: 100, badBuilds: []);

        Assert.Equal(("1.2.0", 120L), (manifest.Version, manifest.Build));
    }

    [Fact]
    public void AnotherKeysSignature_IsRefused_BadSignature()
    {
        using var other = UpdateBundles.NewKey();
        var bundle = Bundle("1.2.0", 120, signWith: other);

        Assert.Equal(UpdateRefusal.BadSignature, Refusal(() => UpdateVerifier.Verify(bundle, PublicKey, 100, [])));
    }

    [Fact]
    public void NoProvisionedKey_IsRefused_NoKey()
    {
        var bundle = Bundle("1.2.0", 120);

        Assert.Equal(UpdateRefusal.NoKey, Refusal(() => UpdateVerifier.Verify(bundle, null, 100, [])));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(99)]
    public void ABuildNotNewerThanTheRunningOne_IsRefused_Downgrade(long build)
    {
        var bundle = Bundle("0.9.0", build);

        Assert.Equal(UpdateRefusal.Downgrade, Refusal(() => UpdateVerifier.Verify(bundle, PublicKey, 100, [])));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(150)]
    public void ABuildNotNewerThanABadOne_IsRefused_KnownBad(long build)
    {
        var bundle = Bundle("2.0.0", build);

        Assert.Equal(UpdateRefusal.KnownBad, Refusal(() => UpdateVerifier.Verify(bundle, PublicKey, 100, [200])));
    }

    [Fact]
    public void ABuildThatNeedsANewerStartingPoint_IsRefused_TooOldToUpdate()
    {
        var bundle = Bundle("3.0.0", 300, minFromBuild: 250);

        Assert.Equal(UpdateRefusal.TooOldToUpdate, Refusal(() => UpdateVerifier.Verify(bundle, PublicKey, 100, [])));
    }

    [Fact]
    public void APayloadOtherThanTheSignedOne_IsRefused_DigestMismatch()
    {
        var bundle = Bundle("1.2.0", 120, payloadSha256: new string('0', 64));

        Assert.Equal(UpdateRefusal.DigestMismatch, Refusal(() => UpdateVerifier.Verify(bundle, PublicKey, 100, [])));
    }

    [Fact]
    public void AFileThatIsNoBundle_IsRefused_Malformed()
    {
        var path = Path.Combine(_directory, "junk.bundle");
        File.WriteAllText(path, "definitely not a tar file, but long enough to be read as one header? no." + new string('x', 600));

        Assert.Equal(UpdateRefusal.Malformed, Refusal(() => UpdateBundle.Read(path)));
    }

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static UpdateRefusal Refusal(Func<object> act) => Assert.Throws<UpdateRefusedException>(act).Reason;

    private UpdateBundle Bundle(string version, long build, long minFromBuild = 0, ECDsa? signWith = null, string? payloadSha256 = null) =>
        UpdateBundle.Read(UpdateBundles.Write(Path.Combine(_directory, $"{Guid.NewGuid():N}.bundle"), _key, version, build, Payload, minFromBuild, signWith, payloadSha256));
}
