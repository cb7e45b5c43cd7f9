using System.CommandLine;
using System.Globalization;

namespace Kioskctl.Fleet.Simulation;

/// <summary>kioskctl fleet simulate: a load test of the central side with many lightweight kiosks in one process.</summary>
public static class FleetSimulateCommand
{
    public static Command Create(BrokerOptions broker)
    {
        var defaults = new SimulationOptions();
        var kiosks = new Option<int>("--kiosks") { Description = "How many kiosks", DefaultValueFactory = _ => defaults.Kiosks };
        var sites = new Option<int>("--site-count") { Description = "Spread the kiosks over this many sites", DefaultValueFactory = _ => defaults.Sites };
        var duration = DurationOption("--duration", "Traffic phase, from the start (includes the ramp)", defaults.Duration);
        var ramp = new Option<TimeSpan?>("--ramp") { Description = "Spread the connects over this long (default: 100 kiosks/s, at most a quarter of the duration)", CustomParser = r => Duration.Parse(r) };
        var rate = new Option<double>("--rate") { Description = "Check-ins (card taps) per kiosk per minute", DefaultValueFactory = _ => defaults.RatePerMinute };
        var health = DurationOption("--health-interval", "Health heartbeat period of each kiosk", defaults.HealthInterval);
        var ackTimeout = DurationOption("--ack-timeout", "Resend a transaction central has not acknowledged for this long", defaults.AckTimeout);
        var drain = DurationOption("--drain", "After the traffic: how long to wait for the last acks", defaults.Drain);
        var faults = new Option<double>("--fault-share") { Description = "Share of kiosks whose printer reports paper_end", DefaultValueFactory = _ => defaults.FaultShare };
        var seed = new Option<int>("--seed") { Description = "Seed of the random traffic", DefaultValueFactory = _ => defaults.Seed };
        var prefix = new Option<string>("--id-prefix") { Description = "Prefix of site and kiosk ids (new ids for a central that remembers an earlier run)", DefaultValueFactory = _ => defaults.IdPrefix };
        var clear = new Option<bool>("--clear-retained") { Description = "On exit remove the kiosks' retained state and health instead of leaving them offline" };
        var measure = new Option<string[]>("--measure") { Description = "Report CPU and RSS of another process as name=pid (repeat), e.g. mosquitto=1234", DefaultValueFactory = _ => [] };
        kiosks.Validators.Add(r => Positive(r, r.GetValueOrDefault<int>(), 100_000));
        sites.Validators.Add(r => Positive(r, r.GetValueOrDefault<int>(), 100_000));
        rate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 6000)
            {
                r.AddError("--rate must be 0..6000 taps per minute");
            }
        });
        measure.Validators.Add(r =>
        {
            foreach (var m in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (ParseMeasure(m) is null)
                {
                    r.AddError($"--measure '{m}' must be name=pid");
                }
            }
        });

        var command = new Command("simulate", "Run many simulated kiosks against the broker and report whether central keeps up (exit 0 when all transactions were acknowledged)")
        {
            kiosks, sites, duration, ramp, rate, health, ackTimeout, drain, faults, seed, prefix, clear, measure,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(kiosks);
            var traffic = parse.GetValue(duration);
            var options = new SimulationOptions
            {
                Kiosks = count,
                Sites = Math.Min(parse.GetValue(sites), count),
                Duration = traffic,
                Ramp = parse.GetValue(ramp) ?? TimeSpan.FromSeconds(Math.Min(count / 100.0, traffic.TotalSeconds / 4)),
                RatePerMinute = parse.GetValue(rate),
                HealthInterval = parse.GetValue(health),
                AckTimeout = parse.GetValue(ackTimeout),
                Drain = parse.GetValue(drain),
                FaultShare = parse.GetValue(faults),
                Seed = parse.GetValue(seed),
                IdPrefix = parse.GetValue(prefix)!,
                ClearRetained = parse.GetValue(clear),
                Measure = [.. parse.GetValue(measure)!.Select(m => ParseMeasure(m)!.Value)],
            };
            var simulation = new FleetSimulation(broker.Read(parse), options, TimeProvider.System, Console.Out);
            var result = await simulation.RunAsync(cancellationToken);
            return LoadReport.Write(result, simulation.Stats, Console.Out);
        });
        return command;
    }

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => Duration.Parse(r) };

    private static void Positive(System.CommandLine.Parsing.OptionResult r, int value, int max)
    {
        if (value < 1 || value > max)
        {
            r.AddError($"{r.Option.Name} must be 1..{max}");
        }
    }

    private static (string Name, int Pid)? ParseMeasure(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && int.TryParse(text[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? (text[..eq], pid)
            : null;
    }
}
