using Google.Protobuf.Reflection;
using KioskAgent.Contracts;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ContractDescriptorsTests
{
    /// <summary>A proto file added to protos/kiosk/v1 and not to ContractDescriptors would be built lazily, on whichever thread first needs it.</summary>
    [Fact]
    public void Initialize_BuildsTheDescriptorOfEveryContractFile()
    {
        var generated = typeof(ContractDescriptors).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null))
            .OfType<FileDescriptor>()
            .Select(d => d.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(generated.Length >= 17, $"found {generated.Length} generated descriptor classes; protos/kiosk/v1 has 17 files");
        Assert.Equal(generated, ContractDescriptors.Initialize().Select(d => d.Name).Order(StringComparer.Ordinal));
    }
}
