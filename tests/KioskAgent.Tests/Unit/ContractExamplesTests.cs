using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using KioskAgent.Contracts.V1;
using KioskAgent.MemberSync;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>
/// Every JSON example in docs/mqtt-contract.md whose code block names its message
/// (<c>```json kiosk.v1.Transaction</c>, one message per line or one over several lines) is a
/// real message: it parses the strict way the kiosk parses (no unknown fields, right types) and
/// comes back the same after formatting. A central written from the document alone can copy them.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed partial class ContractExamplesTests
{
    private static readonly JsonParser Strict = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    private static readonly IReadOnlyDictionary<string, MessageDescriptor> Messages =
        new[] { LinkReflection.Descriptor, TransactionReflection.Descriptor, TelemetryReflection.Descriptor, CommandsReflection.Descriptor, ConfigReflection.Descriptor, MembersReflection.Descriptor, DevicesReflection.Descriptor, VouchersReflection.Descriptor, CheckinRelayReflection.Descriptor }
            .SelectMany(f => f.MessageTypes).ToDictionary(d => d.FullName, StringComparer.Ordinal);

    public static TheoryData<string, int, string> Examples()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var (schema, line, json) in ExamplesIn(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "mqtt-contract.md"))))
        {
            data.Add(schema, line, json);
        }

        return data;
    }

    [Fact]
    public void TheContract_HasExamplesOfEveryMessageOnTheWire()
    {
        var named = Examples().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        string[] wire =
        [
            "kiosk.v1.KioskState", "kiosk.v1.HealthReport", "kiosk.v1.Transaction", "kiosk.v1.TransactionBatch",
            "kiosk.v1.TransactionAck", "kiosk.v1.KioskCommand", "kiosk.v1.KioskCommandResult", "kiosk.v1.DesiredConfig",
            "kiosk.v1.ReportedConfig", "kiosk.v1.MemberSnapshotChunk", "kiosk.v1.MemberDelta", "kiosk.v1.ResyncRequest",
            "kiosk.v1.MemberQuery", "kiosk.v1.MemberAnswer", "kiosk.v1.CheckInRelay",
        ];

        var missing = wire.Where(w => !named.Contains(w)).ToList();
        Assert.True(missing.Count == 0, $"no example of {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_ParsesStrictly_AndRoundTrips(string schema, int line, string json)
    {
        Assert.True(Messages.TryGetValue(schema, out var descriptor), $"line {line}: {schema} is not a message of protos/kiosk/v1");

        var parsed = Strict.Parse(json, descriptor);
        var again = Strict.Parse(Formatter.Format(parsed), descriptor);

        Assert.Equal(parsed, again);
    }

    [Fact]
    public void TheSnapshotChunkExample_CarriesTheHashOfItsBatch()
    {
        var (_, _, json) = Assert.Single(ExamplesIn(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "mqtt-contract.md"))), e => e.Schema == "kiosk.v1.MemberSnapshotChunk");
        var chunk = Strict.Parse<MemberSnapshotChunk>(json);

        // The message says what to write into the document when its example batch changes.
        Assert.True(ChunkHash.Matches(chunk), $"the example's batch hashes to {ChunkHash.Of(chunk.Batch)}");
    }

    /// <summary>Blocks fenced as <c>```json kiosk.v1.X</c>: one message per non-empty line, unless the block is one message over several lines.</summary>
    private static IEnumerable<(string Schema, int Line, string Json)> ExamplesIn(string markdown)
    {
        foreach (Match block in Fence().Matches(markdown))
        {
            var schema = block.Groups["schema"].Value;
            var body = block.Groups["body"].Value;
            var line = markdown[..block.Index].Count(c => c == '\n') + 2;
            var lines = body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Count > 1 && lines.All(l => l.StartsWith('{') && l.EndsWith('}')))
            {
                foreach (var (text, offset) in lines.Select((text, offset) => (text, offset)))
                {
                    yield return (schema, line + offset, text);
                }
            }
            else
            {
                yield return (schema, line, body);
            }
        }
    }

    [GeneratedRegex(@"^```json (?<schema>kiosk\.v1\.[A-Za-z]+)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
