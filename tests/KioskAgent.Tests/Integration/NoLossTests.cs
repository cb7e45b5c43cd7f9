using Grpc.Core;
using KioskAgent.Central;
using KioskAgent.Central.Transactions;
using KioskAgent.Tests.Testing;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Acceptance: every tap whose answer the kiosk showed reaches central, through broker outages and
/// kill -9 of the agent at random moments, with repeats only of the same id and no sequence gaps.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class NoLossTests(ITestOutputHelper output)
{
    private const int Taps = 2_000;

    /// <summary>Three accepted members, a lost card and an unknown card: all are transactions.</summary>
    private static readonly string[] Cards = ["04A1B2C3D4E5F6", "5A6B7C8D", "0411223344556677", "DEADBEEF", "0102030405"];

    [Fact]
    public async Task EveryShownTap_ReachesCentral_ThroughTwoBrokerOutagesAndThreeKill9s()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var kills = Enumerable.Range(0, 3).Select(i => random.Next(100 + (i * 600), 600 + (i * 600))).ToHashSet();
        var brokerStops = new HashSet<int> { 400, 1_300 };
        var brokerStarts = new HashSet<int> { 700, 1_600 };

        await using var broker = await MosquittoBroker.StartAsync();
        var centralFile = Path.Combine(TestPaths.NewTempDirectory("central"), "central.db");
        using var store = new TransactionStore(centralFile);
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = store });
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Demo = true,
            Extra = new Dictionary<string, string>
            {
                ["Taps__SameCardDebounceMs"] = "0",
                ["Central__OutboxAckTimeoutSeconds"] = "2",
                ["Central__OutboxAckTimeoutMaxSeconds"] = "4",
                ["Logging__LogLevel__KioskAgent"] = "Information",
            },
        };
        var agent = await AgentProcess.StartAsync(settings);
        var shown = new List<string>();
        try
        {
            for (var i = 0; i < Taps; i++)
            {
                if (brokerStops.Contains(i))
                {
                    await broker.StopAsync();
                }

                if (brokerStarts.Contains(i))
                {
                    await broker.StartAgainAsync();
                }

                var tap = TapAsync(agent, Cards[i % Cards.Length]);
                if (kills.Contains(i))
                {
                    // Mid-tap: between receipt, commit and answer, wherever the kill lands.
                    await Task.Delay(random.Next(0, 15));
                    await agent.KillAsync();
                    output.WriteLine($"killed at tap {i}");
                }

                var (id, error) = await tap;
                if (id is not null)
                {
                    shown.Add(id);
                }
                else if (!kills.Contains(i))
                {
                    throw new InvalidOperationException($"Tap {i} got no answer", error);
                }

                if (kills.Contains(i))
                {
                    // Restarted on the same data directory, as systemd would.
                    await agent.DisposeAsync();
                    agent = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
                }
            }

            var journal = new JournalFile(settings.DataDirectory);
            await Eventually.TrueAsync(() => journal.Pending() == 0, "every transaction acknowledged by central", TimeSpan.FromSeconds(90));

            var kiosk = new KioskKey(settings.SiteId, settings.KioskId);
            var atCentral = store.For(kiosk).ToDictionary(t => t.Id, t => t.Sequence);
            output.WriteLine($"shown {shown.Count}, journaled {journal.Count()}, at central {atCentral.Count}, duplicates {store.Duplicates}");
            Assert.True(shown.Count >= Taps - kills.Count, $"only {shown.Count} answers shown");
            Assert.All(shown, id => Assert.True(atCentral.ContainsKey(id), $"shown {id} is missing at central"));
            Assert.Equal(journal.Ids().ToDictionary(p => p.Value, p => (ulong)p.Key), atCentral);
            Assert.Empty(store.Gaps(kiosk));
            Assert.Equal(0, store.SequenceConflicts);
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    /// <summary>The id of the transaction the screen showed, or the error when no answer came (the agent was killed).</summary>
    private static async Task<(string? Id, RpcException? Error)> TapAsync(AgentProcess agent, string card)
    {
        try
        {
            var answer = await agent.TapForAnswerAsync(card, holdMs: 5);
            var id = answer.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member ? answer.Member.TransactionId : answer.Refusal.TransactionId;
            return string.IsNullOrEmpty(id) ? throw new InvalidOperationException($"An answer without a transaction: {answer}") : (id, null);
        }
        catch (RpcException ex)
        {
            return (null, ex);
        }
    }
}
