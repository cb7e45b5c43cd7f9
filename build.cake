// KioskAgent build. Run through ./build.sh, e.g. ./build.sh --target=Test
//   Build    kiosk-ui (npm) and the .NET solution, warnings as errors
//   Test     Build + install test prerequisites + kiosk-ui unit tests + Unit, Integration and E2E tests
//   Demo     Build + run the agent with simulated devices, demo members and an in-process MQTT broker
//   Publish  framework-dependent and self-contained agent + kioskctl for linux-x64 and linux-arm64
//   Package  .deb packages (amd64, arm64 self-contained; armhf runtime-dependent) checked with lintian (--arch=amd64 for one),
//            and each one's signed update bundle (--update-key=PATH or KIOSK_UPDATE_SIGNING_KEY; --build-number=N or BUILD_NUMBER)
//   Bench    every benchmark of docs/benchmarks.md, one budget table (--quick for short runs, --only=a,b / --skip=a,b to pick)
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
// dpkg-dev, lintian and systemd (systemd-analyze) check the .deb the Package target builds and the
// package tests install; python3-grpcio and its tools are the third-party
// client of the provisioning API; iproute2 (ip netns, veth) gives the listener-exposure test its LAN.
var testPackages = new[] { "mosquitto", "chromium", "fonts-noto-cjk", "pcscd", "libpcsclite1", "vsmartcard-vpcd", "pcsc-tools", "python3-pyscard", "socat", "libzbar0", "zbar-tools", "dpkg-dev", "lintian", "systemd",
    "python3-grpcio", "python3-grpc-tools", "python3-protobuf", "python3-cryptography", "iproute2" };

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

// The contract's checks (protos/buf.yaml): buf lint with STANDARD and COMMENTS, and buf breaking
// against the image of the last released protos (protos/releases/). buf comes from kiosk-ui's
// node_modules (npm ci in "Ui"); it runs offline.
Task("Proto-Lint")
    .Description("buf lint and buf breaking against the last released protos")
    .IsDependentOn("Ui")
    .Does(() =>
{
    var buf = uiDir.CombineWithFilePath("node_modules/.bin/buf").FullPath;
    var protos = root.Combine("protos");
    var released = GetFiles("protos/releases/kiosk-v1-*.binpb").OrderBy(f => f.FullPath).Last();
    Run(buf, "lint", protos);
    Run(buf, $"breaking --against {MakeAbsolute(released).FullPath}", protos);
});

Task("Build")
    .Description("Build kiosk-ui and the .NET solution")
    .IsDependentOn("Proto-Lint")
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

// Each failed test of a trx file as "FAILED [category] name: first line of the message".
IEnumerable<string> FailedTests(FilePath trx, string category)
{
    foreach (var result in XDocument.Load(trx.FullPath).Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
    {
        if ((string)result.Attribute("outcome") is "Passed" or "NotExecuted")
        {
            continue;
        }

        var message = result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
        var first = message.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        yield return $"FAILED [{category}] {(string)result.Attribute("testName")}: {(first.Length > 300 ? first[..300] + "…" : first)}";
    }
}

Task("Test")
    .Description("Every test: kiosk-ui unit tests, then .NET Unit, Integration and E2E")
    .IsDependentOn("Build")
    .IsDependentOn("Test-Prerequisites")
    .IsDependentOn("Test-Package")
    .Does(() =>
{
    CleanDirectory(testResults);
    var failures = new List<string>();
    var failedTests = new List<string>();
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
            failedTests.AddRange(FailedTests(trxPath, category));
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
    // The failed tests again at the very end, where a log cut to its last lines still shows them.
    foreach (var line in failedTests)
    {
        Console.WriteLine(line);
    }

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

// Debian packages (docs/install.md). amd64 and arm64 are self-contained: Debian 12's archive has no
// .NET runtime, so a runtime-dependent package could not be installed from Debian alone. armhf:
// .NET 10 supports linux-arm, but its runtime and apphost packs are not on the package feed this
// project builds from, so armhf is built runtime-dependent (portable IL, started with the
// `dotnet` of an installed ASP.NET Core 10 runtime).
var packageVersion = Argument("package-version", XDocument.Load(root.CombineWithFilePath("Directory.Build.props").FullPath).Descendants("Version").First().Value);

// The build number (docs/install.md#build-numbers): monotonic across every build ever shipped, because
// update downgrade checks compare it. --build-number=N, else BUILD_NUMBER (a CI's run counter), else
// the number of commits on HEAD (monotonic along the one branch releases are built from). It goes into
// the agent (assembly metadata KioskBuildNumber), the .deb version (VERSION+BUILD) and the factory
// image's kiosk-agent-build.json, and numbers the update bundle.
long ResolveBuildNumber()
{
    var text = Argument<string>("build-number", null) ?? EnvironmentVariable("BUILD_NUMBER");
    if (string.IsNullOrWhiteSpace(text))
    {
        var exit = StartProcess("git", new ProcessSettings { Arguments = "rev-list --count HEAD", RedirectStandardOutput = true, RedirectStandardError = true }, out var count);
        text = exit == 0 ? count.FirstOrDefault() : null;
    }

    return long.TryParse(text?.Trim(), out var number) && number > 0
        ? number
        : throw new CakeException($"No build number ('{text}'): pass --build-number=N or set BUILD_NUMBER, or build from a git checkout (git rev-list --count HEAD).");
}

var buildNumber = new Lazy<long>(ResolveBuildNumber);
string DebVersion() => $"{packageVersion}+{buildNumber.Value}";

// The update key (docs/install.md#update-bundles): --update-key=PATH, else KIOSK_UPDATE_SIGNING_KEY,
// a PEM ECDSA P-256 private key (kioskctl fleet keygen makes one). Without one the bundle is not
// written (see WriteUpdateBundle).
string testUpdateKey = null;
string UpdateSigningKey() => Argument<string>("update-key", null) ?? EnvironmentVariable("KIOSK_UPDATE_SIGNING_KEY") ?? testUpdateKey;
var packageArches = Argument("arch", "amd64,arm64,armhf").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var packaging = root.Combine("packaging");
var packagesOut = artifacts.Combine("packages");

void WriteText(FilePath path, string text, int mode = 420)
{
    EnsureDirectoryExists(path.GetDirectory());
    System.IO.File.WriteAllText(path.FullPath, text.Replace("\r\n", "\n"));
    System.IO.File.SetUnixFileMode(path.FullPath, (UnixFileMode)mode);
}

void CopyWithMode(FilePath from, FilePath to, int mode = 420)
{
    EnsureDirectoryExists(to.GetDirectory());
    CopyFile(from, to);
    System.IO.File.SetUnixFileMode(to.FullPath, (UnixFileMode)mode);
}

// Trimmed, partly: the runtime and ASP.NET Core lose what no code reaches, our assemblies and the NuGet
// packages' stay whole (TrimMode=partial), so reflection over our own types (options binding, gRPC
// services) keeps working. The trimmer's remaining warnings are in framework code the programs do not
// call and binder calls on our kept types: they stay warnings (docs/decisions/0008-trimmed-invariant-agent.md).
// The options binder stays the reflection one every test runs (trimming would switch the
// source-generated binder on). Self-contained publishes only: it needs the runtime pack.
DotNetMSBuildSettings WithTrimmedRuntime(DotNetMSBuildSettings msbuild) =>
    msbuild.WithProperty("PublishTrimmed", "true").WithProperty("TrimMode", "partial")
        .WithProperty("ILLinkTreatWarningsAsErrors", "false").WithProperty("EnableConfigurationBindingGenerator", "false")
        .WithProperty("EnableTrimAnalyzer", "false");

// ReadyToRun with tiered compilation off where a runtime pack is at hand (self-contained): one composite
// image of the agent and the runtime it starts with (agent/KioskAgent/ReadyToRunRoots.txt), so that
// almost nothing is left to the JIT at start, and the least idle CPU
// (docs/decisions/0009-composite-readytorun-roots.md, docs/benchmarks.md#performance-budget).
DotNetMSBuildSettings WithPrecompiledAgent(DotNetMSBuildSettings msbuild) =>
    msbuild.WithProperty("PublishReadyToRun", "true").WithProperty("PublishReadyToRunComposite", "true").WithProperty("TieredCompilation", "false");

FilePath BuildPackage(string arch, bool fast)
{
    var (rid, selfContained) = arch switch
    {
        "amd64" => ("linux-x64", true),
        "arm64" => ("linux-arm64", true),
        "armhf" => ((string)null, false),
        _ => throw new CakeException($"Unknown package architecture {arch}: amd64, arm64 or armhf."),
    };
    var stage = artifacts.Combine($"package-root/{arch}");
    CleanDirectory(stage);
    var lib = stage.Combine("usr/lib/kiosk-agent");
    // kioskctl is published apart. Self-contained, the agent's runtime is trimmed to what the agent
    // uses, so kioskctl brings its own (trimmed to what kioskctl uses) in kioskctl.d/. Runtime-dependent,
    // only the files the agent lacks join it: where the two depend on one assembly at different
    // versions, the agent's copy must stay (a newer assembly also serves kioskctl; an older one stops
    // the agent at start).
    var kioskctlOut = selfContained ? lib.Combine("kioskctl.d") : artifacts.Combine($"package-root/{arch}-kioskctl");
    CleanDirectory(kioskctlOut);
    foreach (var (project, output) in new[] { ("agent/KioskAgent/KioskAgent.csproj", lib), ("agent/Kioskctl/Kioskctl.csproj", kioskctlOut) })
    {
        var agent = output == lib;
        var msbuild = new DotNetMSBuildSettings().WithProperty("DebugType", "none").WithProperty("UseAppHost", selfContained ? "true" : "false")
            .WithProperty("KioskBuildNumber", buildNumber.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (selfContained)
        {
            msbuild = WithTrimmedRuntime(msbuild);
        }
        if (selfContained && agent)
        {
            msbuild = WithPrecompiledAgent(msbuild);
        }
        var settings = new DotNetPublishSettings
        {
            Configuration = configuration,
            SelfContained = selfContained,
            OutputDirectory = output,
            MSBuildSettings = msbuild,
        };
        if (rid != null)
        {
            settings.Runtime = rid;
        }
        DotNetPublish(project, settings);
    }

    if (!selfContained)
    {
        foreach (var file in System.IO.Directory.GetFiles(kioskctlOut.FullPath, "*", System.IO.SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(lib.FullPath, System.IO.Path.GetRelativePath(kioskctlOut.FullPath, file));
            if (!System.IO.File.Exists(target))
            {
                System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target));
                System.IO.File.Copy(file, target);
            }
        }
    }

    if (rid == null)
    {
        // A portable publish carries native libraries for every platform; keep the 32-bit ARM Linux ones.
        foreach (var other in GetDirectories(lib.FullPath + "/runtimes/*").Where(d => d.GetDirectoryName() != "linux-arm"))
        {
            DeleteDirectory(other, new DeleteDirectorySettings { Recursive = true, Force = true });
        }
    }

    // Demo mode comes in only through appsettings.Demo.json (DOTNET_ENVIRONMENT=Demo): not shipped.
    DeleteFiles(lib.FullPath + "/appsettings.Demo.json");
    DeleteFiles(lib.FullPath + "/appsettings.Development.json");
    var bin = stage.Combine("usr/bin");
    EnsureDirectoryExists(bin);
    if (selfContained)
    {
        StartProcess("ln", new ProcessSettings { Arguments = $"-s ../lib/kiosk-agent/kioskctl.d/kioskctl {bin.FullPath}/kioskctl" });
    }
    else
    {
        // Runtime-dependent: small launchers so the unit and the technician run the same commands.
        WriteText(lib.CombineWithFilePath("KioskAgent"), "#!/bin/sh\nexec dotnet /usr/lib/kiosk-agent/KioskAgent.dll \"$@\"\n", 493);
        WriteText(bin.CombineWithFilePath("kioskctl"), "#!/bin/sh\nexec dotnet /usr/lib/kiosk-agent/kioskctl.dll \"$@\"\n", 493);
    }

    CopyWithMode(packaging.CombineWithFilePath("kiosk-agent.service"), stage.CombineWithFilePath("lib/systemd/system/kiosk-agent.service"));
    CopyWithMode(packaging.CombineWithFilePath("udev/60-kiosk-agent.rules"), stage.CombineWithFilePath("lib/udev/rules.d/60-kiosk-agent.rules"));
    CopyWithMode(packaging.CombineWithFilePath("etc/appsettings.json"), stage.CombineWithFilePath("etc/kiosk-agent/appsettings.json"));
    var doc = stage.Combine("usr/share/doc/kiosk-agent");
    CopyWithMode(packaging.CombineWithFilePath("debian/copyright"), doc.CombineWithFilePath("copyright"));
    CopyWithMode(root.CombineWithFilePath("docs/install.md"), doc.CombineWithFilePath("README.md"));
    CopyWithMode(packaging.CombineWithFilePath("debian/changelog"), doc.CombineWithFilePath("changelog"));
    Run("gzip", "-9nf changelog", doc);
    var man = stage.Combine("usr/share/man/man1");
    CopyWithMode(packaging.CombineWithFilePath("debian/kioskctl.1"), man.CombineWithFilePath("kioskctl.1"));
    Run("gzip", "-9nf kioskctl.1", man);
    CopyWithMode(packaging.CombineWithFilePath("debian/kiosk-screen.1"), man.CombineWithFilePath("kiosk-screen.1"));
    Run("gzip", "-9nf kiosk-screen.1", man);
    CopyWithMode(packaging.CombineWithFilePath("debian/lintian-overrides"), stage.CombineWithFilePath("usr/share/lintian/overrides/kiosk-agent"));

    // The Chromium kiosk launcher (its own change): packaging/kiosk-screen/kiosk-screen goes to
    // /usr/bin, packaging/kiosk-screen/*.service to the systemd user units. Shipped when present.
    var screen = packaging.Combine("kiosk-screen");
    foreach (var file in GetFiles(screen.FullPath + "/*"))
    {
        var name = file.GetFilename().FullPath;
        if (name == "kiosk-screen")
        {
            CopyWithMode(file, bin.CombineWithFilePath(name), 493);
        }
        else if (name.EndsWith(".service"))
        {
            CopyWithMode(file, stage.CombineWithFilePath($"usr/lib/systemd/user/{name}"));
        }
    }

    // dpkg wants regular permissions, whatever the checkout's umask was.
    Run("find", $"{stage.FullPath} -type d -exec chmod 0755 {{}} +");
    // NuGet hands some assemblies over with execute bits; only the programs keep them.
    Run("find", $"{lib.FullPath} -type f -exec chmod 0644 {{}} +");
    foreach (var program in new[] { "KioskAgent", "kioskctl", "createdump", "kioskctl.d/kioskctl", "kioskctl.d/createdump" })
    {
        if (FileExists(lib.CombineWithFilePath(program)))
        {
            System.IO.File.SetUnixFileMode(lib.CombineWithFilePath(program).FullPath, (UnixFileMode)493);
        }
    }

    // The update payload is this very directory; its manifest becomes the factory image's build file.
    var payload = artifacts.CombineWithFilePath($"package-root/{arch}.payload.tar.gz");
    var manifest = UpdateManifest(WritePayload(lib, payload, fast));
    System.IO.File.WriteAllBytes(lib.CombineWithFilePath("kiosk-agent-build.json").FullPath, manifest);
    System.IO.File.SetUnixFileMode(lib.CombineWithFilePath("kiosk-agent-build.json").FullPath, (UnixFileMode)420);

    var debian = stage.Combine("DEBIAN");
    EnsureDirectoryExists(debian);
    foreach (var script in new[] { "postinst", "prerm", "postrm" })
    {
        CopyWithMode(packaging.CombineWithFilePath($"debian/{script}"), debian.CombineWithFilePath(script), 493);
    }
    WriteText(debian.CombineWithFilePath("conffiles"), "/etc/kiosk-agent/appsettings.json\n");
    var md5sums = new System.Text.StringBuilder();
    foreach (var file in System.IO.Directory.GetFiles(stage.FullPath, "*", System.IO.SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(stage.FullPath, f)).Where(f => !f.StartsWith("DEBIAN/")).OrderBy(f => f, StringComparer.Ordinal))
    {
        var full = System.IO.Path.Combine(stage.FullPath, file);
        if (new System.IO.FileInfo(full).LinkTarget != null)
        {
            continue;
        }
        using var stream = System.IO.File.OpenRead(full);
        md5sums.Append(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(stream)).ToLowerInvariant()).Append("  ").Append(file).Append('\n');
    }
    WriteText(debian.CombineWithFilePath("md5sums"), md5sums.ToString());
    StartProcess("du", new ProcessSettings { Arguments = $"-sk --exclude=DEBIAN {stage.FullPath}", RedirectStandardOutput = true }, out var du);
    var control = System.IO.File.ReadAllText(packaging.CombineWithFilePath("debian/control.in").FullPath)
        .Replace("@VERSION@", DebVersion())
        .Replace("@ARCH@", arch)
        .Replace("@SIZE@", du.First().Split('\t')[0])
        .Replace("@DEPENDS@", selfContained ? "libc6, libgcc-s1, libstdc++6, libssl3, zlib1g, libicu72" : "libc6, aspnetcore-runtime-10.0")
        .Replace("@FLAVOUR@", selfContained ? "This build is self-contained: it brings its own .NET runtime." : "This build needs the ASP.NET Core 10 runtime.");
    WriteText(debian.CombineWithFilePath("control"), control);

    EnsureDirectoryExists(packagesOut);
    var deb = packagesOut.CombineWithFilePath($"kiosk-agent_{DebVersion()}_{arch}.deb");
    // xz for what ships; gzip -1 for the test run, where the package is built, installed and thrown away.
    Run("dpkg-deb", $"--root-owner-group {(fast ? "-Zgzip -z1" : "-Zxz")} --build {stage.FullPath} {deb.FullPath}");
    Information($"Built {deb} (build {buildNumber.Value})");
    WriteUpdateBundle(packagesOut.CombineWithFilePath($"kiosk-agent_{DebVersion()}_{arch}.update.tar"), manifest, payload);
    return deb;
}

/// <summary>payload.tar.gz of the agent directory (docs/decisions/0007-signed-ab-updates.md); returns its SHA-256.</summary>
string WritePayload(DirectoryPath directory, FilePath payload, bool fast)
{
    EnsureDirectoryExists(payload.GetDirectory());
    using (var file = System.IO.File.Create(payload.FullPath))
    using (var gzip = new System.IO.Compression.GZipStream(file, fast ? System.IO.Compression.CompressionLevel.Fastest : System.IO.Compression.CompressionLevel.SmallestSize))
    {
        System.Formats.Tar.TarFile.CreateFromDirectory(directory.FullPath, gzip, includeBaseDirectory: false);
    }

    using var read = System.IO.File.OpenRead(payload.FullPath);
    return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(read)).ToLowerInvariant();
}

/// <summary>The manifest's exact bytes, as the agent's UpdateManifest reads them.</summary>
byte[] UpdateManifest(string payloadSha256) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
{
    ["version"] = DebVersion(),
    ["build"] = buildNumber.Value,
    ["payload_sha256"] = payloadSha256,
    ["min_from_build"] = 0,
}, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

/// <summary>
/// The signed update bundle: manifest.json, manifest.sig (base64 DER ECDSA P-256/SHA-256 of the
/// manifest's bytes), payload.tar.gz. Without a key none is written: every kiosk refuses a bundle
/// without a valid signature, so an unsigned one could only be mistaken for a release; the key stays
/// where releases are signed, and the package is complete without the bundle.
/// </summary>
void WriteUpdateBundle(FilePath bundle, byte[] manifest, FilePath payload)
{
    DeleteFiles(bundle.FullPath);
    var keyFile = UpdateSigningKey();
    if (string.IsNullOrWhiteSpace(keyFile))
    {
        Warning($"No update bundle for {bundle.GetFilename()}: no signing key (--update-key=PATH or KIOSK_UPDATE_SIGNING_KEY, a PEM ECDSA P-256 private key from 'kioskctl fleet keygen'). Kiosks accept only signed bundles.");
        return;
    }

    byte[] signature;
    using (var key = System.Security.Cryptography.ECDsa.Create())
    {
        try
        {
            key.ImportFromPem(System.IO.File.ReadAllText(MakeAbsolute(File(keyFile)).FullPath));
        }
        catch (Exception ex) when (ex is ArgumentException or System.IO.IOException or UnauthorizedAccessException)
        {
            throw new CakeException($"The update signing key {keyFile} is not a readable PEM ECDSA private key: {ex.Message}");
        }

        if (key.KeySize != 256)
        {
            throw new CakeException($"The update signing key {keyFile} is not a P-256 key (kiosks verify with ECDSA P-256).");
        }

        signature = key.SignData(manifest, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
    }

    using (var file = System.IO.File.Create(bundle.FullPath))
    using (var tar = new System.Formats.Tar.TarWriter(file, System.Formats.Tar.TarEntryFormat.Pax))
    {
        void Add(string name, System.IO.Stream content) =>
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name) { DataStream = content, Mode = (UnixFileMode)420 });
        Add("manifest.json", new System.IO.MemoryStream(manifest));
        Add("manifest.sig", new System.IO.MemoryStream(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(signature))));
        using var payloadStream = System.IO.File.OpenRead(payload.FullPath);
        Add("payload.tar.gz", payloadStream);
    }

    // The public half, for the kiosks' Update:PublicKeyFile (and the package tests' check).
    using (var key = System.Security.Cryptography.ECDsa.Create())
    {
        key.ImportFromPem(System.IO.File.ReadAllText(MakeAbsolute(File(keyFile)).FullPath));
        WriteText(bundle.GetDirectory().CombineWithFilePath("update-key.pub.pem"), key.ExportSubjectPublicKeyInfoPem());
    }

    Information($"Built {bundle} (signed with {keyFile}; public key in update-key.pub.pem)");
}

void Lintian(FilePath deb, DirectoryPath reportDirectory)
{
    EnsureDirectoryExists(reportDirectory);
    var report = reportDirectory.CombineWithFilePath(deb.GetFilenameWithoutExtension() + ".lintian.txt");
    StartProcess("sh", new ProcessSettings { Arguments = $"-c \"lintian --info --display-info --show-overrides {deb.FullPath} > {report.FullPath} 2>&1\"" });
    var errors = System.IO.File.ReadAllLines(report.FullPath).Where(l => l.StartsWith("E: ") || l.StartsWith("W: ")).ToList();
    Information($"lintian: {errors.Count} error/warning tag(s) not overridden; report {report}");
    if (errors.Count > 0)
    {
        throw new CakeException($"lintian found problems in {deb}:\n{string.Join("\n", errors)}");
    }
}

Task("Package")
    .Description("Debian packages for amd64, arm64 (self-contained) and armhf (runtime-dependent), checked with lintian, and their signed update bundles; --arch=amd64 builds one")
    .IsDependentOn("Ui")
    .Does(() =>
{
    foreach (var arch in packageArches)
    {
        Lintian(BuildPackage(arch, fast: false), packagesOut);
    }
});

Task("Test-Package")
    .Description("The amd64 package (and its update bundle, signed with a key made for the run unless one is given) that the package tests install, check with lintian and remove (fast compression)")
    .IsDependentOn("Ui")
    .IsDependentOn("Test-Prerequisites")
    .Does(() =>
{
    if (string.IsNullOrWhiteSpace(UpdateSigningKey()))
    {
        // No release key here: a key made for this run signs the bundle, so the package tests can
        // check it as a kiosk would (with the public half, update-key.pub.pem).
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        EnsureDirectoryExists(packagesOut);
        testUpdateKey = packagesOut.CombineWithFilePath("test-update-key.pem").FullPath;
        WriteText(testUpdateKey, key.ExportPkcs8PrivateKeyPem(), 384);
    }

    BuildPackage("amd64", fast: true);
});

// The performance budget (docs/benchmarks.md#performance-budget). Not part of Test: it takes
// 30-60 minutes in full and its numbers belong in the docs, never in a pass/fail of the test run.
// The table goes to stdout and artifacts/bench/budget.md, each benchmark's own report to artifacts/bench/.
Task("Bench")
    .Description("Run every benchmark of docs/benchmarks.md and print one budget table (--quick, --only=a,b, --skip=a,b, --fail-on-miss)")
    .IsDependentOn("Build")
    .Does(() =>
{
    var bench = artifacts.Combine("bench");
    EnsureDirectoryExists(bench);
    // idle-cost's "shipped config" rows run the agent as the amd64 and arm64 packages ship it
    // (BuildPackage): self-contained, the runtime trimmed, precompiled.
    var shipped = bench.Combine("agent-as-packaged");
    CleanDirectory(shipped);
    DotNetPublish("agent/KioskAgent/KioskAgent.csproj", new DotNetPublishSettings
    {
        Configuration = "Bench",
        SelfContained = true,
        Runtime = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
        OutputDirectory = shipped,
        MSBuildSettings = WithPrecompiledAgent(WithTrimmedRuntime(new DotNetMSBuildSettings().WithProperty("Optimize", "true").WithProperty("DebugType", "none"))),
    });
    System.Environment.SetEnvironmentVariable("KIOSK_BENCH_SHIPPED_AGENT", shipped.CombineWithFilePath("KioskAgent").FullPath);
    var arguments = new List<string> { $"\"{root.CombineWithFilePath($"tests/KioskAgent.Benchmarks/bin/{configuration}/net10.0/KioskAgent.Benchmarks.dll").FullPath}\"", "budget", "--logs", $"\"{bench.FullPath}\"", "--output", $"\"{bench.CombineWithFilePath("budget.md").FullPath}\"" };
    if (HasArgument("quick"))
    {
        arguments.Add("--quick");
    }
    if (HasArgument("fail-on-miss"))
    {
        arguments.Add("--fail-on-miss");
    }
    foreach (var option in new[] { "only", "skip" })
    {
        if (HasArgument(option))
        {
            arguments.Add($"--{option}");
            arguments.Add(Argument<string>(option));
        }
    }
    Run("dotnet", string.Join(" ", arguments));
});

Task("Default").IsDependentOn("Build");

RunTarget(target);
