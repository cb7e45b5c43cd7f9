// KioskAgent build. Run through ./build.sh, e.g. ./build.sh --target=Test
//   Build    kiosk-ui (npm) and the .NET solution, warnings as errors
//   Test     Build + install test prerequisites + kiosk-ui unit tests + Unit, Integration and E2E tests
//   Demo     Build + run the agent with simulated devices, demo members and an in-process MQTT broker
//   Publish  framework-dependent and self-contained agent + kioskctl for linux-x64 and linux-arm64
using System.Xml.Linq;

var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");

var root = MakeAbsolute(Directory("."));
var uiDir = root.Combine("kiosk-ui");
var artifacts = root.Combine("artifacts");
var testResults = artifacts.Combine("test-results");
var solution = root.CombineWithFilePath("KioskAgent.sln");
var testProject = root.CombineWithFilePath("tests/KioskAgent.Tests/KioskAgent.Tests.csproj");
var agentDll = root.CombineWithFilePath($"agent/KioskAgent/bin/{configuration}/net10.0/KioskAgent.dll");

// Debian packages the tests use: the real broker, the real browser, CJK fonts so screenshots show
// what a member would read, the real PC/SC daemon with its virtual reader driver (vpcd) plus an
// independent PC/SC client (pyscard) for benchmarks, and socat for serial pty pairs.
var testPackages = new[] { "mosquitto", "chromium", "fonts-noto-cjk", "pcscd", "libpcsclite1", "vsmartcard-vpcd", "pcsc-tools", "python3-pyscard", "socat", "libzbar0", "zbar-tools", "python3-grpcio", "python3-grpc-tools", "python3-protobuf", "python3-cryptography" };

void Run(string tool, string arguments, DirectoryPath workingDirectory = null, IDictionary<string, string> environment = null)
{
    var settings = new ProcessSettings
    {
        Arguments = arguments,
        WorkingDirectory = workingDirectory ?? root,
        EnvironmentVariables = environment,
    };
    var exitCode = StartProcess(tool, settings);
    if (exitCode != 0)
    {
        throw new CakeException($"'{tool} {arguments}' failed with exit code {exitCode}.");
    }
}

bool IsRoot() => System.Environment.UserName == "root";

string[] MissingDebianPackages(IEnumerable<string> packages) =>
    packages.Where(p =>
    {
        var exit = StartProcess("dpkg-query", new ProcessSettings
        {
            Arguments = $"-W -f=${{Status}} {p}",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }, out var output);
        return exit != 0 || !string.Join("", output).Contains("install ok installed");
    }).ToArray();

Task("Ui")
    .Description("npm ci + generate the gRPC-Web client + vite build into kiosk-ui/dist")
    .Does(() =>
{
    if (StartProcess("npm", new ProcessSettings { Arguments = "--version", RedirectStandardOutput = true }) != 0)
    {
        throw new CakeException("Node.js 20+ with npm is required to build kiosk-ui.");
    }

    Run("npm", "ci --no-audit --no-fund", uiDir);
    Run("npm", "run build", uiDir);
});

Task("Build")
    .Description("Build kiosk-ui and the .NET solution")
    .IsDependentOn("Ui")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration });
});

Task("Test-Prerequisites")
    .Description("Install the Debian packages the tests need (as root) or say which are missing")
    .Does(() =>
{
    var missing = MissingDebianPackages(testPackages);
    if (missing.Length == 0)
    {
        return;
    }

    if (!IsRoot())
    {
        throw new CakeException($"Tests need these Debian packages: {string.Join(" ", missing)}. Install them as root: apt-get install -y --no-install-recommends {string.Join(" ", missing)}");
    }

    Information($"Installing test prerequisites: {string.Join(" ", missing)}");
    var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
    Run("apt-get", "update", environment: env);
    Run("apt-get", $"install -y --no-install-recommends {string.Join(" ", missing)}", environment: env);
    var still = MissingDebianPackages(missing);
    if (still.Length > 0)
    {
        throw new CakeException($"Could not install: {string.Join(" ", still)}");
    }
});

Task("Test")
    .Description("Every test: kiosk-ui unit tests, then .NET Unit, Integration and E2E")
    .IsDependentOn("Build")
    .IsDependentOn("Test-Prerequisites")
    .Does(() =>
{
    CleanDirectory(testResults);
    var failures = new List<string>();
    int passed = 0, failed = 0, skipped = 0;

    var vitestReport = testResults.CombineWithFilePath("kiosk-ui-vitest.json");
    var uiExit = StartProcess("npm", new ProcessSettings
    {
        Arguments = $"test -- --reporter=default --reporter=json --outputFile.json={vitestReport.FullPath}",
        WorkingDirectory = uiDir,
    });
    if (FileExists(vitestReport))
    {
        var report = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(vitestReport.FullPath)).RootElement;
        passed += report.GetProperty("numPassedTests").GetInt32();
        failed += report.GetProperty("numFailedTests").GetInt32();
        skipped += report.GetProperty("numPendingTests").GetInt32() + report.GetProperty("numTodoTests").GetInt32();
    }
    if (uiExit != 0)
    {
        failures.Add("kiosk-ui unit tests");
    }

    foreach (var category in new[] { "Unit", "Integration", "E2E" })
    {
        var trx = $"{category}.trx";
        var exit = StartProcess("dotnet", new ProcessSettings
        {
            Arguments = $"test \"{testProject.FullPath}\" -c {configuration} --no-build --filter Category={category} --logger \"trx;LogFileName={trx}\" --logger \"console;verbosity=normal\" --results-directory \"{testResults.FullPath}\"",
            WorkingDirectory = root,
        });
        var trxPath = testResults.CombineWithFilePath(trx);
        var executed = 0;
        if (FileExists(trxPath))
        {
            var counters = XDocument.Load(trxPath.FullPath).Descendants().First(e => e.Name.LocalName == "Counters");
            int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
            executed = Count("executed");
            passed += Count("passed");
            failed += Count("failed") + Count("error") + Count("timeout") + Count("aborted");
            skipped += Count("notExecuted");
        }
        if (exit != 0 || executed == 0)
        {
            failures.Add(executed == 0 ? $"{category} tests (none ran)" : $"{category} tests");
        }
    }

    Information("");
    // Plain text on purpose: the closing line is read by tools, so no colour codes.
    Console.WriteLine($"Tests: {passed} passed, {failed} failed, {skipped} skipped");
    if (failures.Count > 0)
    {
        throw new CakeException($"Failed: {string.Join(", ", failures)}. Results and screenshots: {testResults}");
    }
});

Task("Demo")
    .Description("Run the agent in demo mode (simulated devices, demo members, in-process broker)")
    .IsDependentOn("Build")
    .Does(() =>
{
    Information("Starting KioskAgent in demo mode; Ctrl+C stops it.");
    Run("dotnet", $"\"{agentDll.FullPath}\"", root, new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Demo" });
});

Task("Publish")
    .Description("Publish agent and kioskctl: framework-dependent and self-contained, linux-x64 and linux-arm64")
    .IsDependentOn("Ui")
    .Does(() =>
{
    foreach (var rid in new[] { "linux-x64", "linux-arm64" })
    {
        foreach (var selfContained in new[] { false, true })
        {
            var flavour = selfContained ? "self-contained" : "framework-dependent";
            foreach (var project in new[] { "agent/KioskAgent/KioskAgent.csproj", "agent/Kioskctl/Kioskctl.csproj" })
            {
                DotNetPublish(project, new DotNetPublishSettings
                {
                    Configuration = configuration,
                    Runtime = rid,
                    SelfContained = selfContained,
                    OutputDirectory = artifacts.Combine($"publish/{rid}-{flavour}"),
                });
            }
            Information($"Published {rid} {flavour} to {artifacts.Combine($"publish/{rid}-{flavour}")}");
        }
    }
});

Task("Default").IsDependentOn("Build");

RunTarget(target);
