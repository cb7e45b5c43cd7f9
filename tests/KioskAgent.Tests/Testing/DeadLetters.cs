using System.Text.Json;
using KioskAgent.CentralLink;

namespace KioskAgent.Tests.Testing;

/// <summary>Reads an agent's dead-letter log (both the current and the rotated file).</summary>
public static class DeadLetters
{
    public static IReadOnlyList<(string Kind, string Reason, string Topic)> Read(string dataDirectory)
    {
        var files = new[] { Path.Combine(dataDirectory, "deadletter.1.jsonl"), Path.Combine(dataDirectory, DeadLetterLog.FileName) };
        var entries = new List<(string, string, string)>();
        foreach (var file in files.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                try
                {
                    var json = JsonDocument.Parse(line).RootElement;
                    entries.Add((json.GetProperty("kind").GetString()!, json.GetProperty("reason").GetString()!, json.GetProperty("topic").GetString()!));
                }
                catch (JsonException)
                {
                    // A line still being written.
                }
            }
        }

        return entries;
    }

    public static int Count(string dataDirectory, string kind, string reason) =>
        Read(dataDirectory).Count(e => e.Kind == kind && e.Reason == reason);
}
