using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Member import as a technician does it on a first install: the real kioskctl sends a CSV file to
/// the real agent; afterwards the members' cards are recognised at the reader. A file with problems
/// changes nothing, and without technician credentials nothing is imported.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed partial class MemberImportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MemberCount = 5000;
    private readonly string _files = TestPaths.NewTempDirectory("import-files");
    private AgentProcess _agent = null!;

    private string Agent => $"http://127.0.0.1:{_agent.Settings.GrpcPort}";

    private string PasswordFile => Path.Combine(_files, "password");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(PasswordFile, TestTechnician.Password + "\n");
        _agent = await AgentProcess.StartAsync(new AgentSettings
        {
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string>(TestTechnician.Settings) { ["Screen__ClearAfterSeconds"] = "2", ["Screen__RefusalClearAfterSeconds"] = "2" },
        });
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task FiveThousandMembers_AreImported_AndATapFindsOneOfThem()
    {
        var file = await WriteAsync("members.csv", LargeFile());

        var clock = Stopwatch.StartNew();
        var (exit, text) = await ImportAsync(file);
        clock.Stop();

        Assert.True(exit == 0, text);
        Assert.Contains($"imported members.csv: {MemberCount} members, {MemberCount + (MemberCount / 10)} cards", text, StringComparison.Ordinal);
        output.WriteLine($"kioskctl members import of {MemberCount} members ({new FileInfo(file).Length / 1024} KiB): {clock.ElapsedMilliseconds} ms end to end; agent: {AgentMilliseconds(text)} ms");

        using var screen = ScreenWatch.Start(_agent);
        await _agent.TapAsync(Uid(4321));
        var member = await screen.NextAsync(s => s.Member is { Points: 4321 }, "member 4321 on the screen");
        Assert.Equal(4321, member.Member.Balance.AmountMinor);
        Assert.Equal("会****1", member.Member.MaskedName);

        await _agent.TapAsync(SecondUid(4320));
        var refusal = await screen.NextAsync(s => s.Refusal is not null, "the lost second card refused");
        Assert.Equal("card_lost", refusal.Refusal.ReasonCode);
    }

    [Fact]
    public async Task AFileWithProblems_ExitsNonZero_ListsEveryProblemByLine_AndChangesNothing()
    {
        var good = await WriteAsync("good.csv", "member_number,name,points,card_uid\n7001,林一,70,7A000001\n");
        Assert.Equal(0, (await ImportAsync(good)).ExitCode);
        var before = await CachedMembersAsync();
        var bad = await WriteAsync("bad.csv", """
            member_number,name,balance,points,card_uid,card_state
            7002,林二,10.00,1,7A000002,active
            7003,林三,10.005,2,7A000003,active
            7004,林四,0,3,7A000004,遗失
            7005,"林,五",0,4,7A000001,active
            7006,林六,0,-5,7A000006,
            """);

        var (exit, text) = await ImportAsync(bad);

        Assert.Equal(3, exit);
        Assert.Contains("bad.csv: 4 problems, nothing imported", text, StringComparison.Ordinal);
        Assert.Contains("line 3, balance: '10.005' is not an amount", text, StringComparison.Ordinal);
        Assert.Contains("line 4, card_state: '遗失' is not a card state", text, StringComparison.Ordinal);
        Assert.Contains("line 5, card_uid: card UID 7A000001 belongs to member 7001", text, StringComparison.Ordinal);
        Assert.Contains("line 6, points: '-5' is not a whole number", text, StringComparison.Ordinal);
        Assert.Equal(before, await CachedMembersAsync());

        using var screen = ScreenWatch.Start(_agent);
        await _agent.TapAsync("7A000002");
        Assert.Equal("card_unknown", (await screen.NextAsync(s => s.Refusal is not null, "the card of a refused file is unknown")).Refusal.ReasonCode);
        await _agent.TapAsync("7A000001");
        Assert.Equal(70, (await screen.NextAsync(s => s.Member is not null, "the earlier import still there")).Member.Points);
    }

    [Fact]
    public async Task WithoutOrWithWrongCredentials_NothingIsImported()
    {
        var file = await WriteAsync("few.csv", "member_number,card_uid\n8001,8A000001\n");
        var before = await CachedMembersAsync();

        var (noExit, none) = await KioskctlProcess.RunAsync(["--agent", Agent, "members", "import", file]);
        var (wrongExit, wrong) = await KioskctlProcess.RunAsync(["--agent", Agent, "members", "import", file, "--user", TestTechnician.User, "--password", "not-it"]);

        Assert.Equal((1, 1), (noExit, wrongExit));
        Assert.Contains("Unauthenticated: technician credentials required", none, StringComparison.Ordinal);
        Assert.Contains("Unauthenticated: technician credentials refused", wrong, StringComparison.Ordinal);
        Assert.Equal(before, await CachedMembersAsync());
    }

    [Fact]
    public async Task AJsonFile_WithADryRun_IsCheckedButNotImported()
    {
        var file = await WriteAsync("batch.json", """
            { "members": [ { "memberNumber": "9001", "name": "周九", "cards": [ { "uid": "9A000001" } ] } ] }
            """);
        var before = await CachedMembersAsync();

        var (exit, text) = await ImportAsync(file, "--dry-run");

        Assert.True(exit == 0, text);
        Assert.Contains("batch.json is valid: 1 members, 1 cards", text, StringComparison.Ordinal);
        Assert.Equal(before, await CachedMembersAsync());
    }

    private Task<(int ExitCode, string Output)> ImportAsync(string file, params string[] more) =>
        KioskctlProcess.RunAsync(["--agent", Agent, "members", "import", file, "--user", TestTechnician.User, "--password-file", PasswordFile, .. more]);

    /// <summary>What the agent reports it holds, through a dry run of an empty-but-valid file.</summary>
    private async Task<int> CachedMembersAsync()
    {
        var probe = await WriteAsync($"probe-{Guid.NewGuid():N}.csv", "member_number,card_uid\nprobe-1,0F0F0F0F\n");
        var (_, text) = await ImportAsync(probe, "--dry-run");
        var match = HoldsMembers().Match(text);
        Assert.True(match.Success, text);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_files, name);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    private static string Uid(int member) => $"04{member:X8}AA";

    private static string SecondUid(int member) => $"04{member:X8}BB";

    /// <summary>Members 1..5000, member i with i points and i fen; every tenth has a second, lost card.</summary>
    private static string LargeFile()
    {
        var csv = new StringBuilder("member_number,name,phone,level,balance,points,birthday,tags,card_uid,card_state\n");
        for (var i = 1; i <= MemberCount; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{100000 + i},会员{i},138{i:D8},,{i / 100}.{i % 100:D2},{i},1990-01-{1 + (i % 28):D2},\"tag a;tag b\",{Uid(i)},正常\n");
            if (i % 10 == 0)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{100000 + i},,,,,,,,{SecondUid(i)},挂失\n");
            }
        }

        return csv.ToString();
    }

    private static string AgentMilliseconds(string text) => AgentTime().Match(text) is { Success: true } m ? m.Groups[1].Value : "?";

    [GeneratedRegex(@"holds (\d+) members")]
    private static partial Regex HoldsMembers();

    [GeneratedRegex(@" in (\d+) ms")]
    private static partial Regex AgentTime();

    /// <summary>Follows the agent's screen stream and waits for a frame that matches.</summary>
    private sealed class ScreenWatch : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Contracts.V1.Screen> _frames = [];
        private int _seen;

        private ScreenWatch(AgentProcess agent)
        {
            var call = new KioskUi.KioskUiClient(agent.Channel).WatchScreen(new WatchScreenRequest(), cancellationToken: _stop.Token);
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var frame in call.ResponseStream.ReadAllAsync(_stop.Token))
                    {
                        lock (_frames)
                        {
                            _frames.Add(frame);
                        }
                    }
                }
                catch (Exception ex) when (ex is RpcException or OperationCanceledException)
                {
                }
                finally
                {
                    call.Dispose();
                }
            });
        }

        public static ScreenWatch Start(AgentProcess agent) => new(agent);

        /// <summary>The first frame after the ones already matched that satisfies <paramref name="match"/>.</summary>
        public async Task<Contracts.V1.Screen> NextAsync(Func<Contracts.V1.Screen, bool> match, string what)
        {
            var frame = await Eventually.ValueAsync(
                () =>
                {
                    lock (_frames)
                    {
                        var index = _frames.FindIndex(_seen, f => match(f));
                        if (index < 0)
                        {
                            return null;
                        }

                        _seen = index + 1;
                        return _frames[index];
                    }
                },
                what,
                TimeSpan.FromSeconds(20));
            return frame;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
