// The release this build of Harigami is, as `harigami --version` prints it.


public enum Release {
    public static let version = "0.4.0"
}
