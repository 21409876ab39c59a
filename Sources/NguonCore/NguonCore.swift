import GS1

/// Domain rules that need no web server or database (trace graphs, OCOP scoring, inspection
/// schedules, reporting periods). Later issues fill this target.
public enum NguonCore {}
