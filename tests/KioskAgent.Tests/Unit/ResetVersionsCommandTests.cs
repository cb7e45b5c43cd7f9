using KioskAgent.Commands;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ResetVersionsCommandTests
{
    [Theory]
    [InlineData]
    [InlineData("config", "yes")]
    [InlineData("journal", "true")]
    [InlineData("members", "True")]
    public async Task RunAsync_NoOrUnknownPartsOrValuesOtherThanTrue_AreBadArguments_AndResetNothing(params string[] args)
    {
        var (config, members) = (new FakePart("config"), new FakePart("members"));
        var command = Command(args);

        var result = await new ResetVersionsCommand([config, members]).RunAsync(command, CancellationToken.None);

        Assert.Equal((false, CommandResults.BadArgument), (result.Ok, result.Error));
        Assert.Equal((0, 0), (config.Resets, members.Resets));
    }

    [Fact]
    public async Task RunAsync_ResetsExactlyTheNamedParts_AndReportsWhatEachHeld()
    {
        var (config, members) = (new FakePart("config"), new FakePart("members"));

        var result = await new ResetVersionsCommand([config, members]).RunAsync(Command("members", "true"), CancellationToken.None);

        Assert.True(result.Ok, result.Message);
        Assert.Equal((0, 1), (config.Resets, members.Resets));
        Assert.Equal("41", result.Data["members_before"]);
    }

    private static KioskCommand Command(params string[] args)
    {
        var command = new KioskCommand { Id = "c1", Name = "reset_versions" };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            command.Args[args[i]] = args[i + 1];
        }

        return command;
    }

    private sealed class FakePart(string name) : IVersionReset
    {
        public int Resets { get; private set; }

        public string Part => name;

        public Task<IReadOnlyDictionary<string, string>> ResetAsync(CancellationToken cancellationToken)
        {
            Resets++;
            return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { [$"{name}_before"] = "41" });
        }
    }
}
