using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.CentralLink;

/// <summary>
/// Every message from central the agent refused: counted (meter "KioskAgent.CentralLink",
/// counter keys <c>inbound.rejected.{kind}.{reason}</c> in health) and appended to
/// <c>deadletter.jsonl</c> in the data directory with topic, reason, size and the payload's
/// SHA-256, never the payload itself (member messages carry personal data). The file is capped:
/// when it passes <see cref="MaxBytes"/> it is rotated to <c>deadletter.1.jsonl</c>.
/// </summary>
public sealed partial class DeadLetterLog : IDisposable
{
    public const string MeterName = "KioskAgent.CentralLink";
    public const string FileName = "deadletter.jsonl";
    public const long MaxBytes = 1024 * 1024;

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _rejected;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<DeadLetterLog> _logger;
    private readonly Lock _fileLock = new();

    public DeadLetterLog(IOptions<KioskOptions> kiosk, TimeProvider time, ILogger<DeadLetterLog> logger)
        : this(Path.Combine(kiosk.Value.ResolvedDataDirectory, FileName), time, logger)
    {
    }

    public DeadLetterLog(string path, TimeProvider time, ILogger<DeadLetterLog> logger)
    {
        _path = path;
        _time = time;
        _logger = logger;
        _rejected = _meter.CreateCounter<long>("kiosk.inbound_rejected", description: "Messages from central refused, by kind and reason");
    }

    public string FilePath => _path;

    /// <summary>Total refused messages since start.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>Records a refused message. Never throws.</summary>
    public void Reject(string kind, string reason, string topic, ReadOnlySpan<byte> payload) =>
        Record(kind, reason, topic, payload.Length, Convert.ToHexStringLower(SHA256.HashData(payload)));

    /// <summary>
    /// Records a message refused without reading its payload (dropped under load, or larger than
    /// the link accepts): size only, no hash, so a flood of them costs no more than counting. Never throws.
    /// </summary>
    public void RejectUnread(string kind, string reason, string topic, long size) =>
        Record(kind, reason, topic, size, sha256: null);

    private void Record(string kind, string reason, string topic, long size, string? sha256)
    {
        _rejected.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));
        _counts.AddOrUpdate($"inbound.rejected.{kind}.{reason}", 1, (_, n) => n + 1);
        LogRejected(kind, reason, topic, size);
        try
        {
            var line = JsonSerializer.Serialize(new Line(_time.GetUtcNow(), kind, reason, topic, size, sha256), DeadLetterJson.Default.Line);
            lock (_fileLock)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
                if (File.Exists(_path) && new FileInfo(_path).Length > MaxBytes)
                {
                    File.Move(_path, Path.ChangeExtension(_path, ".1.jsonl"), overwrite: true);
                }

                File.AppendAllText(_path, line + "\n");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(ex.Message);
        }
    }

    /// <summary>Counters for health: <c>inbound.rejected.{kind}.{reason}</c>.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public long Get(string kind, string reason) => _counts.GetValueOrDefault($"inbound.rejected.{kind}.{reason}");

    public void Dispose() => _meter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Kind} message on {Topic} ({Size} bytes): {Reason}")]
    private partial void LogRejected(string kind, string reason, string topic, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the dead-letter log: {Error}")]
    private partial void LogWriteFailed(string error);

    /// <summary>A line of the log: when, what kind of message, why it was refused, where it came in, how big, and its hash when read.</summary>
    internal sealed record Line(DateTimeOffset At, string Kind, string Reason, string Topic, long Size, string? Sha256);
}
