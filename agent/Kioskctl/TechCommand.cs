using System.CommandLine;
using KioskAgent.Api.Technicians;

namespace Kioskctl;

/// <summary><c>kioskctl tech</c>: make the hashes that go into the agent's Technician settings.</summary>
public static class TechCommand
{
    public static Command Create()
    {
        return new Command("tech", "Technician accounts: make password hashes and tokens for the agent's settings")
        {
            HashPassword(),
            NewToken(),
        };
    }

    private static Command HashPassword()
    {
        var file = new Option<FileInfo>("--password-file") { Description = "Read the password from the first line of this file instead of stdin" };
        var iterations = new Option<int>("--iterations") { Description = "PBKDF2 iterations", DefaultValueFactory = _ => PasswordHash.DefaultIterations };
        var command = new Command("hash-password", "Print a salted PBKDF2 hash of a password for Technician:Accounts:N:PasswordHash (the password is read from stdin or a file, never from the command line)")
        {
            file,
            iterations,
        };
        command.SetAction(parse =>
        {
            var rounds = parse.GetValue(iterations);
            if (rounds is < PasswordHash.MinIterations or > PasswordHash.MaxIterations)
            {
                Console.Error.WriteLine($"kioskctl: --iterations must be {PasswordHash.MinIterations} to {PasswordHash.MaxIterations}");
                return 2;
            }

            var password = parse.GetValue(file) is { } f ? TechnicianLogin.FirstLine(File.ReadAllText(f.FullName)) : ReadFromConsole();
            if (string.IsNullOrEmpty(password))
            {
                Console.Error.WriteLine("kioskctl: the password is empty");
                return 2;
            }

            Console.WriteLine(PasswordHash.Create(password, rounds).ToString());
            return 0;
        });
        return command;
    }

    private static Command NewToken()
    {
        var command = new Command("new-token", "Print a new random bearer token and its hash for Technician:Tokens:N:TokenHash");
        command.SetAction(_ =>
        {
            var (token, hash) = TokenHash.Create();
            Console.WriteLine($"token: {token}");
            Console.WriteLine($"hash:  {hash}");
            return 0;
        });
        return command;
    }

    /// <summary>A line from stdin; on a terminal, asked for twice without echo.</summary>
    private static string ReadFromConsole()
    {
        if (Console.IsInputRedirected)
        {
            return TechnicianLogin.FirstLine(Console.In.ReadLine() ?? "");
        }

        var first = Prompt("Password: ");
        var again = Prompt("Again:    ");
        if (first != again)
        {
            Console.Error.WriteLine("kioskctl: the passwords differ");
            return "";
        }

        return first;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}
