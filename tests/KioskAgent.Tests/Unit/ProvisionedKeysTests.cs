using KioskAgent.Provisioning;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ProvisionedKeysTests
{
    [Theory]
    [InlineData("Central:Password", true)]
    [InlineData("Technician:Accounts:0:PasswordHash", true)]
    [InlineData("Technician:Tokens:0:TokenHash", true)]
    [InlineData("CardIdentity:Sun:MetaReadKey", true)]
    [InlineData("CardIdentity:Sector:KeyA", true)]
    [InlineData("CardIdentity:Mode", false)]
    [InlineData("Central:Host", false)]
    [InlineData("Kiosk:SiteId", false)]
    public void IsSecret_WriteOnlyKeys_AreNeverShown(string key, bool secret)
    {
        Assert.Equal(secret, ProvisionedKeys.IsSecret(key));
        Assert.Equal(secret ? "(set)" : "v", ProvisionedKeys.Shown(key, "v"));
    }

    [Theory]
    [InlineData("Kiosk:DataDirectory")]
    [InlineData("Kiosk:SecretFile")]
    [InlineData("Api:UiPort")]
    [InlineData("Provisioning:Port")]
    [InlineData("Logging:LogLevel:Default")]
    [InlineData("Kiosk:Site Id")]
    public void Problem_KeysOutsideProvisioning_AreRefusedWithAReason(string key) =>
        Assert.NotNull(ProvisionedKeys.Problem(key));

    [Fact]
    public void Flatten_NestedObjectsArraysNumbersAndBooleans_BecomeConfigurationKeys()
    {
        var settings = ProvisionedKeys.Flatten("""{ "Kiosk": { "SiteId": "s-1" }, "Devices": { "CardReaders": [ { "Kind": "Pcsc", "Retry": true } ] }, "Central:Port": 8883 }""");

        Assert.Equal("s-1", settings["Kiosk:SiteId"]);
        Assert.Equal("Pcsc", settings["Devices:CardReaders:0:Kind"]);
        Assert.Equal("true", settings["Devices:CardReaders:0:Retry"]);
        Assert.Equal("8883", settings["Central:Port"]);
    }

    [Theory]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{ \"Kiosk\": { \"SiteId\": null } }", "Kiosk:SiteId: null")]
    [InlineData("{ nope", "not JSON")]
    public void Flatten_ADocumentThatIsNoConfiguration_IsRefusedSayingWhy(string json, string reason)
    {
        var refused = Assert.Throws<FormatException>(() => ProvisionedKeys.Flatten(json));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }
}
