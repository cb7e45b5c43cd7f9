using System.CommandLine;
using KioskAgent.Central;

namespace Kioskctl.Fleet;

/// <summary>
/// The options every fleet command shares: broker address, credentials, TLS and topic root.
/// Defaults come from KIOSKCTL_BROKER, KIOSKCTL_BROKER_USER and KIOSKCTL_BROKER_PASSWORD, so a
/// password need not appear on a command line (and in the process list). The names say "broker"
/// because --user and --password are the technician's login at an agent.
/// </summary>
public sealed class BrokerOptions
{
    public const string BrokerVariable = "KIOSKCTL_BROKER";
    public const string UserVariable = "KIOSKCTL_BROKER_USER";
    public const string PasswordVariable = "KIOSKCTL_BROKER_PASSWORD";

    public Option<string> Broker { get; } = new("--broker")
    {
        Description = $"MQTT broker as host:port; default ${BrokerVariable} or 127.0.0.1:{BrokerSettings.DefaultPort}",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(BrokerVariable) ?? "127.0.0.1",
    };

    public Option<string?> User { get; } = new("--broker-user")
    {
        Description = $"Broker user name; default ${UserVariable}",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UserVariable),
    };

    public Option<string?> Password { get; } = new("--broker-password")
    {
        Description = $"Broker password; default ${PasswordVariable} (visible in the process list, prefer the variable or --broker-password-file)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PasswordVariable),
    };

    public Option<string?> PasswordFile { get; } = new("--broker-password-file")
    {
        Description = "File whose first line is the broker password",
        Recursive = true,
    };

    public Option<bool> Tls { get; } = new("--tls")
    {
        Description = $"Connect with TLS (default port {BrokerSettings.DefaultTlsPort}), checking the broker's certificate and host name",
        Recursive = true,
    };

    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "PEM file of the CA that signed the broker's certificate (with --tls; default: the system's trust store)",
        Recursive = true,
    };

    public Option<string?> Certificate { get; } = new("--cert")
    {
        Description = "PEM client certificate, for a broker that requires one (with --tls and --key)",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "PEM private key of --cert",
        Recursive = true,
    };

    public Option<string> Root { get; } = new("--root")
    {
        Description = "Topic root of the fleet",
        Recursive = true,
        DefaultValueFactory = _ => CentralTopics.DefaultRoot,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Broker);
        command.Options.Add(User);
        command.Options.Add(Password);
        command.Options.Add(PasswordFile);
        command.Options.Add(Tls);
        command.Options.Add(CaFile);
        command.Options.Add(Certificate);
        command.Options.Add(Key);
        command.Options.Add(Root);
        Broker.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (!BrokerSettings.TryParseAddress(text, tls: false, out _, out _))
            {
                r.AddError($"--broker '{text}' is not host:port");
            }
        });
        foreach (var file in new[] { PasswordFile, CaFile, Certificate, Key })
        {
            file.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<string?>() is { } path && !File.Exists(path))
                {
                    r.AddError($"{r.Option.Name} '{path}' does not exist");
                }
            });
        }

        command.Validators.Add(r =>
        {
            if (r.GetValue(Certificate) is not null != r.GetValue(Key) is not null)
            {
                r.AddError("--cert and --key go together");
            }
        });
    }

    public BrokerSettings Read(ParseResult parse)
    {
        var tls = parse.GetValue(Tls);
        BrokerSettings.TryParseAddress(parse.GetValue(Broker)!, tls, out var host, out var port);
        var password = parse.GetValue(PasswordFile) is { } file
            ? File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r')
            : parse.GetValue(Password);
        return new BrokerSettings(host, port, parse.GetValue(User), password, tls, parse.GetValue(CaFile), parse.GetValue(Root)!)
        {
            CertificateFile = parse.GetValue(Certificate),
            KeyFile = parse.GetValue(Key),
        };
    }
}
