using KioskAgent.Commands;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>The durable command id store over a real file, as a restarted agent reads it.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CommandIdStoreTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly string _directory = TestPaths.NewTempDirectory("command-ids");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));

    private string FilePath => Path.Combine(_directory, CommandIdStore.FileName);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Remember_ThenLoadAfterARestart_GivesTheFirstResultUnchanged()
    {
        var first = Result("r1", "restart_agent");
        Store().Remember("r1", first, expiresAt: null);

        var loaded = Store().Load();

        Assert.Equal([("r1", first)], loaded);
    }

    [Fact]
    public void Load_ForgetsIdsPastTheWindow_ButKeepsThoseWhoseMessageExpiryIsLater()
    {
        var store = Store();
        store.Remember("short", Result("short"), expiresAt: null);
        store.Remember("long", Result("long"), expiresAt: _time.GetUtcNow().AddDays(3));

        _time.Advance(TimeSpan.FromHours(25));

        Assert.Equal(["long"], Store().Load().Select(e => e.Id));
    }

    [Fact]
    public void TheFile_StaysBounded_KeepingTheNewestIds()
    {
        var store = Store(capacity: 10);
        for (var i = 0; i < 95; i++)
        {
            store.Remember($"id{i}", Result($"id{i}"), expiresAt: null);
        }

        var loaded = Store(capacity: 10).Load();

        Assert.Equal(Enumerable.Range(85, 10).Select(i => $"id{i}"), loaded.Select(e => e.Id));
        Assert.True(File.ReadAllLines(FilePath).Length <= 20);
    }

    [Fact]
    public void ALargeResult_IsKeptWithoutItsLines()
    {
        var big = Result("logs", "fetch_logs");
        big.Lines.AddRange(Enumerable.Range(0, 500).Select(i => $"line {i} of the log"));

        Store().Remember("logs", big, expiresAt: null);
        var loaded = Store().Load().Single().Result;

        Assert.Equal(("logs", "fetch_logs", true, 0), (loaded.Id, loaded.Name, loaded.Ok, loaded.Lines.Count));
        Assert.True(new FileInfo(FilePath).Length < 2 * CommandIdStore.MaxResultBytes);
    }

    [Fact]
    public void ATornOrForeignLine_IsSkipped_AndAMissingFileIsEmpty()
    {
        Assert.Empty(Store().Load());
        Store().Remember("a", Result("a"), expiresAt: null);
        File.AppendAllText(FilePath, "{\"Id\":\"b\",\"Until\":99999999999999,\"Res");

        Assert.Equal(["a"], Store().Load().Select(e => e.Id));
    }

    private CommandIdStore Store(int capacity = 1000) => new(FilePath, capacity, Window, _time, NullLogger<CommandIdStore>.Instance);

    private KioskCommandResult Result(string id, string name = "ping") =>
        new() { Id = id, Name = name, Ok = true, Message = "done", KioskId = "k1", At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_time.GetUtcNow()) };
}
