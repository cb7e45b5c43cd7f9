using System.Globalization;

namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>Command line (after <c>outbox-drain</c>): --transactions N --runs N --in-flight N --batch N --pipeline N --ack-batch N --stall-seconds N --run-timeout-seconds N --output FILE.</summary>
public sealed record OutboxDrainOptions
{
    public int Transactions { get; init; } = 10_000;

    /// <summary>Each run measures mosquitto_pub and then the agent, on a fresh broker and central.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>The agent's Central:OutboxMaxInFlight.</summary>
    public int InFlight { get; init; } = 2000;

    /// <summary>The agent's Central:OutboxBatchMax (1: one message per transaction).</summary>
    public int Batch { get; init; } = 50;

    /// <summary>The agent's Central:OutboxPublishPipeline.</summary>
    public int Pipeline { get; init; } = 16;

    /// <summary>The reference central's AckBatchSize: it acks after this many messages from a kiosk (or 5 ms).</summary>
    public int AckBatch { get; init; } = 50;

    /// <summary>A run in which central receives nothing for this long while transactions are outstanding is reported as stalled.</summary>
    public TimeSpan Stall { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A run that has not finished after this is reported as failed.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>A Markdown file to write the report to, besides stdout.</summary>
    public string? Output { get; init; }

    public static OutboxDrainOptions Parse(string[] args)
    {
        var options = new OutboxDrainOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--transactions" => options with { Transactions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--in-flight" => options with { InFlight = int.Parse(value, CultureInfo.InvariantCulture) },
                "--batch" => options with { Batch = int.Parse(value, CultureInfo.InvariantCulture) },
                "--pipeline" => options with { Pipeline = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ack-batch" => options with { AckBatch = int.Parse(value, CultureInfo.InvariantCulture) },
                "--stall-seconds" => options with { Stall = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--run-timeout-seconds" => options with { RunTimeout = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --transactions, --runs, --in-flight, --batch, --pipeline, --ack-batch, --stall-seconds, --run-timeout-seconds, --output."),
            };
        }

        return options;
    }
}
