// The release this build of Harigami is, as `harigami --version` prints it.

import HarigamiModel
import HarigamiLoad
import HarigamiMarkdown
import HarigamiPosterLayout
import HarigamiCheck
import HarigamiRender
import HarigamiWrite
import HarigamiAuthoring

public enum Release {
    public static let version = "0.4.0"
}
