using System.Runtime.CompilerServices;

// Tests replace the HD44780 timing delays with a recorder (see Hd44780Pcf8574's internal constructor).
[assembly: InternalsVisibleTo("KioskAgent.Tests")]
