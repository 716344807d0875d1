package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.PhotoFileException
import app.gutskin.core.PhotoFileSource
import app.gutskin.core.SyncTransport
import app.gutskin.core.SyncTransportException
import app.gutskin.core.newSyncKey
import app.gutskin.core.recoveryCodeOf
import app.gutskin.core.syncKeyFromRecoveryCode
import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Compaction
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.NewEntry
import app.gutskin.core.model.NewPhoto
import app.gutskin.core.model.PhotoSubject
import app.gutskin.core.model.RemoteKeyState
import app.gutskin.core.model.SyncFailure
import java.awt.image.BufferedImage
import java.io.File
import java.nio.file.Files
import java.security.MessageDigest
import java.time.Instant
import java.util.concurrent.ConcurrentHashMap
import javax.imageio.ImageIO
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import org.junit.Test

/** Sync through a transport written in Kotlin, as a phone brings its own HTTP stack. */
class SyncTest {
    /** An object store in memory: what an S3 bucket or a cloud folder looks like to the core. */
    class MemoryStore : SyncTransport {
        val objects = ConcurrentHashMap<String, ByteArray>()
        var down = false

        private fun check() {
            if (down) throw SyncTransportException.Unreachable("offline")
        }

        override fun list(prefix: String): List<String> {
            check()
            return objects.keys.filter { it.startsWith(prefix) }.sorted()
        }

        override fun get(key: String): ByteArray? {
            check()
            return objects[key]
        }

        override fun put(key: String, data: ByteArray) {
            check()
            objects[key] = data
        }

        override fun delete(key: String) {
            check()
            objects.remove(key)
        }
    }

    private val at = Instant.parse("2025-06-10T08:00:00Z")

    private fun stress(level: Int) =
        NewEntry(at, "Europe/Berlin", null, null, listOf("work"), EntryDetails.Stress(level.toUByte()))

    @Test
    fun twoDevicesEndWithTheSameDiary() {
        val store = MemoryStore()
        val first = newSyncKey()
        // The second device types the recovery code the first one showed.
        val key = syncKeyFromRecoveryCode(first.recoveryCode)
        assertContentEquals(first.key, key)
        assertEquals(first.recoveryCode, recoveryCodeOf(key))

        Diary.openInMemory().use { phone ->
            Diary.openInMemory().use { tablet ->
                assertEquals(RemoteKeyState.EMPTY, phone.remoteKeyState(store, first.key))
                val logged = phone.logEntry(stress(6))
                assertEquals(1uL, phone.syncStatus().unpublishedChanges.coerceAtMost(1uL))
                val report = phone.sync(store, first.key, Compaction.NEVER)
                assertNotNull(report.published)
                assertEquals(RemoteKeyState.MATCHES, tablet.remoteKeyState(store, key))

                val merged = tablet.sync(store, key, Compaction.NEVER)
                assertEquals(1uL, merged.appliedChangesets)
                assertEquals(logged, tablet.entry(logged.id))

                // An edit on the tablet comes back to the phone.
                val edited = tablet.updateEntry(logged.id, stress(8))
                tablet.sync(store, key, Compaction.NEVER)
                phone.sync(store, first.key, Compaction.NEVER)
                assertEquals(edited, phone.entry(logged.id))
                assertEquals(0uL, phone.syncStatus().unpublishedChanges)
                assertTrue(phone.syncStatus().peers.isNotEmpty())
            }
        }
    }

    @Test
    fun aWrongKeyAndAnUnreachableStoreAreTypedErrors() {
        val store = MemoryStore()
        val key = newSyncKey().key
        Diary.openInMemory().use { phone ->
            phone.logEntry(stress(3))
            phone.sync(store, key, Compaction.NEVER)
        }
        Diary.openInMemory().use { stranger ->
            val other = newSyncKey().key
            assertEquals(RemoteKeyState.OTHER_KEY, stranger.remoteKeyState(store, other))
            val wrong = assertFailsWith<GutskinException.Sync> { stranger.sync(store, other, Compaction.NEVER) }
            assertEquals(SyncFailure.WRONG_KEY, wrong.reason)

            store.down = true
            val offline = assertFailsWith<GutskinException.Sync> { stranger.sync(store, key, Compaction.NEVER) }
            assertEquals(SyncFailure.TRANSPORT, offline.reason)
            assertTrue(offline.detail.contains("offline"))
        }
        val typo = assertFailsWith<GutskinException.InvalidInput> { syncKeyFromRecoveryCode("ABCD-EFGH") }
        assertEquals("recovery_code", typo.field)
        assertFailsWith<GutskinException.InvalidInput> { recoveryCodeOf(ByteArray(5)) }
    }

    @Test
    fun aLostDeviceIsRetiredAndComesBackWithoutLosingAnything() {
        val store = MemoryStore()
        val key = newSyncKey().key
        Diary.openInMemory().use { phone ->
            Diary.openInMemory().use { lost ->
                phone.logEntry(stress(4))
                phone.sync(store, key, Compaction.NEVER)
                lost.sync(store, key, Compaction.NEVER)
                lost.logEntry(stress(7)) // never synced: the device is lost
                phone.logEntry(stress(5))
                phone.sync(store, key, Compaction.NEVER)
                // Changeset 2 waits for the lost device.
                assertEquals(1uL, phone.sync(store, key, Compaction.NOW).compacted)

                val own = assertFailsWith<GutskinException.InvalidInput> {
                    phone.retireSyncDevice(store, key, phone.deviceId())
                }
                assertEquals("device_id", own.field)
                val malformed = assertFailsWith<GutskinException.InvalidInput> {
                    phone.retireSyncDevice(store, key, "lost phone")
                }
                assertEquals("device_id", malformed.field)
                val retired = phone.retireSyncDevice(store, key, lost.deviceId())
                assertEquals(lost.deviceId(), retired.deviceId)
                assertEquals(phone.deviceId(), retired.retiredBy)
                assertEquals(retired, phone.syncStatus().peers.single { it.deviceId == lost.deviceId() }.retired)
                assertEquals(1uL, phone.sync(store, key, Compaction.NOW).compacted)

                // It comes back: told who retired it, it merges the snapshot and publishes its entry.
                val back = lost.sync(store, key, Compaction.NEVER)
                assertEquals(retired, back.retired)
                assertEquals(1uL, back.appliedSnapshots)
                phone.sync(store, key, Compaction.NEVER)
                val all = { d: Diary -> d.entriesBetween("2025-06-01", "2025-06-30", null, true) }
                assertEquals(3, all(phone).size)
                assertEquals(all(phone), all(lost))
            }
        }
    }

    @Test
    fun photoFilesTravelByTheirHash() {
        val dir = Files.createTempDirectory("gutskin-sync").toFile()
        val image = File(dir, "face.png")
        ImageIO.write(BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", image)
        val hash = MessageDigest.getInstance("SHA-256").digest(image.readBytes()).joinToString("") { "%02x".format(it) }
        val store = MemoryStore()
        val key = newSyncKey().key
        Diary.openInMemory().use { phone ->
            Diary.openInMemory().use { tablet ->
                val photo = phone.attachPhoto(
                    NewPhoto(image.path, null, at, PhotoSubject.Skin(BodyArea.FACE, null), emptyList()),
                )
                assertEquals(hash, photo.sha256)
                assertEquals(emptyList(), phone.missingPhotoFiles(listOf(hash)))
                phone.sync(store, key, Compaction.NEVER)
                tablet.sync(store, key, Compaction.NEVER)
                assertEquals(listOf(hash), tablet.missingPhotoFiles(emptyList()))
                assertContentEquals(image.readBytes(), tablet.fetchPhotoFile(store, key, hash))
            }
        }
        dir.deleteRecursively()
    }

    /** The app's own photo files, by local_ref (content URIs on Android), as a foreign source. */
    class AppPhotoFiles : PhotoFileSource {
        val files = ConcurrentHashMap<String, ByteArray>()
        val asked = java.util.concurrent.CopyOnWriteArrayList<String>()
        var failure: Exception? = null

        override fun readPhotoFile(localRef: String): ByteArray? {
            asked += localRef
            failure?.let { throw it }
            return files[localRef]
        }
    }

    @Test
    fun aPhotoFileTheAppCannotGiveYetGoesUpWithALaterSync() {
        val dir = Files.createTempDirectory("gutskin-sync").toFile()
        val image = File(dir, "face.png")
        ImageIO.write(BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", image)
        val bytes = image.readBytes()
        val uri = "content://media/external/images/media/42"
        val store = MemoryStore()
        val key = newSyncKey().key
        val app = AppPhotoFiles()
        Diary.openInMemory().use { phone ->
            Diary.openInMemory().use { tablet ->
                val photo = phone.attachPhoto(
                    NewPhoto(image.path, uri, at, PhotoSubject.Skin(BodyArea.FACE, null), emptyList()),
                )
                image.delete()
                // The app has no bytes for it yet: the row syncs, the file waits.
                var report = phone.syncWithPhotoFiles(store, key, Compaction.NEVER, app)
                assertEquals(1UL, report.published)
                assertEquals(0UL, report.uploadedBlobs)
                assertEquals(1UL, report.photoFilesPending)
                assertEquals(listOf(uri), app.asked.toList())
                tablet.sync(store, key, Compaction.NEVER)
                assertEquals(listOf(photo.sha256), tablet.missingPhotoFiles(emptyList()))
                assertFailsWith<GutskinException.NotFound> { tablet.fetchPhotoFile(store, key, photo.sha256) }

                // A typed failure and an unexpected exception both leave it pending; the sync goes on.
                app.failure = PhotoFileException.Unreadable("permission revoked")
                assertEquals(1UL, phone.syncWithPhotoFiles(store, key, Compaction.NEVER, app).photoFilesPending)
                app.failure = IllegalStateException("a bug in the app")
                assertEquals(1UL, phone.syncWithPhotoFiles(store, key, Compaction.NEVER, app).photoFilesPending)
                // Another picture's bytes are not uploaded as this photo.
                app.failure = null
                app.files[uri] = byteArrayOf(1, 2, 3)
                assertEquals(1UL, phone.syncWithPhotoFiles(store, key, Compaction.NEVER, app).photoFilesPending)

                // The app has the file again: it goes up, and the tablet fetches it.
                app.files[uri] = bytes
                report = phone.syncWithPhotoFiles(store, key, Compaction.NEVER, app)
                assertEquals(1UL, report.uploadedBlobs)
                assertEquals(0UL, report.photoFilesPending)
                assertContentEquals(bytes, tablet.fetchPhotoFile(store, key, photo.sha256))
            }
        }
        dir.deleteRecursively()
    }
}
