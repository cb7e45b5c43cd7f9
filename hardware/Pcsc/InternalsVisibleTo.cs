using System.Runtime.CompilerServices;

// Struct layout and parsing tests check the native interop types directly.
[assembly: InternalsVisibleTo("KioskAgent.Tests")]
