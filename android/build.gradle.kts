buildscript {
    dependencies {
        // AGP 9 compiles Kotlin itself (built-in Kotlin) with the Kotlin it bundles; raise it to the
        // version the Compose compiler plugin below has, the same kotlinc the JVM tests use.
        classpath(libs.kotlin.gradle.plugin)
    }
}

plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.compose) apply false
}
