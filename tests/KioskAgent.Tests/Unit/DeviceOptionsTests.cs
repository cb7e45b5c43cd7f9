using KioskAgent.Devices;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class DeviceOptionsTests
{
    [Fact]
    public void Validate_NoReaders_Fails()
    {
        var result = new DeviceOptionsValidator().Validate(null, new DeviceOptions());
        Assert.True(result.Failed);
        Assert.Contains("at least one reader", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryProblem()
    {
        var options = new DeviceOptions
        {
            CardReaders =
            [
                new CardReaderOptions { Id = "", Kind = "Simulated" },
                new CardReaderOptions { Id = "a", Kind = "Teleporter" },
                new CardReaderOptions { Id = "a", Kind = "Simulated" },
            ],
        };

        var failures = new DeviceOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("CardReaders:0:Id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CardReaders:1:Kind", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OneSimulatedReader_Succeeds() =>
        Assert.True(new DeviceOptionsValidator().Validate(null, new DeviceOptions { CardReaders = [new CardReaderOptions { Id = "r1", Kind = "Simulated" }] }).Succeeded);
}
