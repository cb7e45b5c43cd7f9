using KioskAgent.Central.Signing;
using KioskAgent.CentralLink;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Signing;

[Trait("Category", TestCategories.Unit)]
public sealed class CentralSigningKeysValidatorTests
{
    private static readonly CentralSigner Key = CentralSigner.Generate("central-1");

    private static IReadOnlyList<string> Problems(CentralLinkOptions options) =>
        new CentralSigningKeysValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Required_WithoutAKey_IsAConfigurationError_Off_IsNot()
    {
        Assert.Contains(Problems(new CentralLinkOptions()), p => p.Contains("Central:SigningKeys needs central's public key", StringComparison.Ordinal));
        Assert.Empty(Problems(new CentralLinkOptions { Signatures = CentralSignatureMode.Off }));
    }

    [Fact]
    public void AKeyInlineOrInAFile_IsAccepted_WithItsDefaultIdWhenNoneIsGiven()
    {
        var file = Path.Combine(TestPaths.NewTempDirectory("keys"), "central.pub");
        File.WriteAllText(file, Key.PublicKeyPem());
        var inline = new CentralSigningKeyOptions { Id = "central-1", PublicKeyPem = Key.PublicKeyPem() };
        var fromFile = new CentralSigningKeyOptions { PublicKeyFile = file };

        Assert.Empty(Problems(new CentralLinkOptions { SigningKeys = [inline, fromFile] }));
        Assert.StartsWith("p256-", fromFile.Load().Id, StringComparison.Ordinal);
    }

    [Fact]
    public void BadKeys_AreNamedByIndex_WithTheReason()
    {
        using var other = CentralSigner.Generate();
        var problems = Problems(new CentralLinkOptions
        {
            SigningKeys =
            [
                new() { Id = "a", PublicKeyPem = Key.PublicKeyPem() },
                new() { Id = "a", PublicKeyPem = other.PublicKeyPem() },
                new() { PublicKeyFile = "/nonexistent/central.pub" },
                new() { PublicKeyPem = Key.PrivateKeyPem() },
                new() { Id = "bad id", PublicKeyPem = Key.PublicKeyPem() },
                new(),
            ],
        });

        Assert.Collection(
            problems,
            p => Assert.StartsWith("Central:SigningKeys:1: key id 'a' appears twice", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Central:SigningKeys:2: cannot read /nonexistent/central.pub", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Central:SigningKeys:3: not a PEM public key", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Central:SigningKeys:4: Id 'bad id'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Central:SigningKeys:5: give exactly one of PublicKeyFile and PublicKeyPem", p, StringComparison.Ordinal));
    }
}
