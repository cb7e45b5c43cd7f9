using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// A real agent set up for event check-in: demo members, two simulated member readers (r1, r2), and a
/// staff session through Staff:TestSession (the Testing environment; never honoured in Production),
/// or, with <c>staffLogin</c>, none: staff log in with the demo staff card and PIN as at a real kiosk.
/// </summary>
public static class CheckInAgent
{
    public const string Gold = "04A1B2C3D4E5F6";
    public const string Silver = "5A6B7C8D";
    public const string Diamond = "0411223344556677";
    public const string Lost = "DEADBEEF";
    public const string Unknown = "0102030405";

    public static AgentSettings Settings(int brokerPort = 0, bool embeddedBroker = false, IReadOnlyDictionary<string, string>? extra = null, bool staffLogin = false)
    {
        var all = new Dictionary<string, string>
        {
            ["Devices__CardReaders__0__Id"] = "r1",
            ["Devices__CardReaders__1__Id"] = "r2",
            ["Devices__CardReaders__1__Kind"] = "Simulated",
            ["Devices__CardReaders__1__Role"] = "Member",
            ["Staff__TestSession__StaffId"] = "s-7",
            ["Staff__TestSession__DisplayName"] = "李工",
            ["Staff__TestSession__Role"] = "Supervisor",
            ["Taps__SameCardDebounceMs"] = "0",
            ["Logging__LogLevel__KioskAgent"] = "Information",
        };
        if (staffLogin)
        {
            foreach (var key in all.Keys.Where(k => k.StartsWith("Staff__TestSession__", StringComparison.Ordinal)).ToList())
            {
                all.Remove(key);
            }
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new AgentSettings
        {
            Demo = true,
            BrokerPort = brokerPort,
            EmbeddedBroker = embeddedBroker,
            Environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Testing" },
            Extra = all,
        };
    }

    /// <summary>A catalog with one entry-only activity open now (±1 h around <paramref name="now"/>), 50 points a check-in.</summary>
    public static ActivityCatalog Catalog(ulong version, string id, DateTimeOffset now)
    {
        var catalog = new ActivityCatalog { Version = version };
        catalog.Activities.Add(new ActivityRecord
        {
            Id = id,
            Name = "会员年会 Members' gala",
            OpensAt = Timestamp.FromDateTimeOffset(now.AddHours(-1)),
            ClosesAt = Timestamp.FromDateTimeOffset(now.AddHours(1)),
            Points = 50,
        });
        return catalog;
    }

    public static string Json(IMessage message) => JsonFormatter.Default.Format(message);

    public static async Task TapAsync(AgentProcess agent, string reader, string card) =>
        await new DeviceSimulator.DeviceSimulatorClient(agent.Channel).TapCardAsync(new TapCardRequest { ReaderId = reader, CardUid = card, HoldMs = 30 });

    /// <summary>
    /// Logs in as staff do at the kiosk: the demo supervisor's staff card at reader r1 opens the PIN
    /// pad on <paramref name="page"/>, its PIN typed on the pad opens the staff home screen.
    /// </summary>
    public static async Task LogInOnScreenAsync(AgentProcess agent, Microsoft.Playwright.IPage page)
    {
        await TapAsync(agent, "r1", KioskAgent.Demo.DemoStaff.CardUid);
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("screen-staff-login")).ToBeVisibleAsync();
        foreach (var digit in KioskAgent.Demo.DemoStaff.Pin)
        {
            await page.GetByTestId($"staff-pin-key-{digit}").ClickAsync();
        }

        await page.GetByTestId("staff-pin-key-enter").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("screen-staff-home")).ToBeVisibleAsync();
    }
}
