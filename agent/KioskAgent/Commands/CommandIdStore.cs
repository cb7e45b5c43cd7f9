using System.Text;
using System.Text.Json;
using Google.Protobuf;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Storage;
using Microsoft.Extensions.Options;

namespace KioskAgent.Commands;

/// <summary>
/// The ids of the commands this kiosk ran, with their first result, kept in <see cref="FileName"/> in
/// the data directory so that a command is never run twice, also across restarts (a
/// <c>restart_agent</c> delivered again after the restart it caused must not restart the agent again).
/// An id is kept for <c>Commands:RememberSeconds</c>, or until the command's message expiry if that is
/// later, and at most <c>Commands:RememberedIds</c> ids (the oldest go first). Each run command is one
/// appended line, flushed to disk before its answer goes out; the file is rewritten atomically
/// (<see cref="AtomicFile"/>) when it holds twice as many lines as ids worth keeping, so it stays
/// bounded. A torn last line (power cut) is skipped. A result larger than <see cref="MaxResultBytes"/>
/// is kept without its <c>lines</c> and <c>data</c>. Never throws: without the file, ids are still
/// remembered for the run.
/// </summary>
public sealed partial class CommandIdStore
{
    public const string FileName = "command-ids.jsonl";
    public const int MaxResultBytes = 2048;

    private static readonly JsonParser ResultParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    private readonly string _path;
    private readonly int _capacity;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandIdStore> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _sequence;
    private int _lines;

    public CommandIdStore(IOptions<KioskOptions> kiosk, IOptions<CommandOptions> options, TimeProvider time, ILogger<CommandIdStore> logger)
        : this(Path.Combine(kiosk.Value.ResolvedDataDirectory, FileName), options.Value.RememberedIds, TimeSpan.FromSeconds(options.Value.RememberSeconds), time, logger)
    {
    }

    public CommandIdStore(string path, int capacity, TimeSpan window, TimeProvider time, ILogger<CommandIdStore> logger)
    {
        _path = path;
        _capacity = capacity;
        _window = window;
        _time = time;
        _logger = logger;
    }

    public string FilePath => _path;

    /// <summary>The ids still worth remembering with their first results, oldest first; compacts the file when it carries dead lines.</summary>
    public IReadOnlyList<(string Id, KioskCommandResult Result)> Load()
    {
        lock (_gate)
        {
            _entries.Clear();
            _lines = 0;
            try
            {
                if (File.Exists(_path))
                {
                    foreach (var line in File.ReadLines(_path))
                    {
                        _lines++;
                        if (Parse(line) is { } entry)
                        {
                            _entries[entry.Id] = entry with { Sequence = ++_sequence };
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogUnreadable(_path, ex.Message);
            }

            var kept = Live();
            if (_lines > kept.Count)
            {
                Compact(kept);
            }

            return [.. kept.Select(e => (e.Id, ResultParser.Parse<KioskCommandResult>(e.Result)))];
        }
    }

    /// <summary>Remembers a command that ran, with the result its asker got; on disk before this returns.</summary>
    public void Remember(string id, KioskCommandResult result, DateTimeOffset? expiresAt)
    {
        var now = _time.GetUtcNow();
        var until = expiresAt is { } expiry && expiry > now + _window ? expiry : now + _window;
        var entry = new Entry(id, until.ToUnixTimeMilliseconds(), Bounded(result), 0);
        lock (_gate)
        {
            _entries[id] = entry with { Sequence = ++_sequence };
            try
            {
                if (_lines + 1 > 2 * _capacity)
                {
                    Compact(Live());
                    return;
                }

                using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
                stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry with { Sequence = 0 }, CommandIdJson.Default.Entry) + "\n"));
                stream.Flush(flushToDisk: true);
                _lines++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogNotSaved(_path, ex.Message);
            }
        }
    }

    /// <summary>Unexpired entries, the newest <see cref="_capacity"/>, oldest first.</summary>
    private List<Entry> Live()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var kept = _entries.Values.Where(e => e.Until > now).OrderBy(e => e.Sequence).ToList();
        if (kept.Count > _capacity)
        {
            kept.RemoveRange(0, kept.Count - _capacity);
        }

        _entries.Clear();
        foreach (var entry in kept)
        {
            _entries[entry.Id] = entry;
        }

        return kept;
    }

    private void Compact(List<Entry> kept)
    {
        try
        {
            var text = new StringBuilder();
            foreach (var entry in kept)
            {
                text.Append(JsonSerializer.Serialize(entry with { Sequence = 0 }, CommandIdJson.Default.Entry)).Append('\n');
            }

            AtomicFile.WriteAllText(_path, text.ToString());
            _lines = kept.Count;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotSaved(_path, ex.Message);
        }
    }

    private static string Bounded(KioskCommandResult result)
    {
        var json = LinkMessages.Json.Format(result);
        if (Encoding.UTF8.GetByteCount(json) <= MaxResultBytes)
        {
            return json;
        }

        var smaller = result.Clone();
        smaller.Lines.Clear();
        smaller.Data.Clear();
        if (smaller.Message.Length > 200)
        {
            smaller.Message = smaller.Message[..200];
        }

        return LinkMessages.Json.Format(smaller);
    }

    private static Entry? Parse(string line)
    {
        try
        {
            if (JsonSerializer.Deserialize(line, CommandIdJson.Default.Entry) is { Id.Length: > 0, Result.Length: > 0 } entry)
            {
                ResultParser.Parse<KioskCommandResult>(entry.Result);
                return entry;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            // A torn last line, or not ours: skipped.
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command ids could not be read from {Path} ({Error}); commands run before this start may run again if central resends them")]
    private partial void LogUnreadable(string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command id not saved to {Path} ({Error}); it is remembered until the agent stops")]
    private partial void LogNotSaved(string path, string error);

    /// <param name="Until">Unix milliseconds after which the id is forgotten.</param>
    internal sealed record Entry(string Id, long Until, string Result, long Sequence);
}
