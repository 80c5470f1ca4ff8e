// relais transport promote through the built binary: a booking that is not waiting, or one another
// CCAS's resident holds, is refused with a message saying why (exit 65) and the database unchanged.
// Giving a seat after the deadline is shown by TransportOnDemandAcceptanceCLITests.

import Foundation
import Testing

@Suite struct TransportPromoteCLITests {
    @Test func promotingABookingThatIsNotWaitingOrNotOursIsRefusedAndChangesNothing() throws {
        let fixture = try OnDemandWorkspace()
        let booked = try fixture.book(1, ccas: "Gex")
        let id = String(try #require(booked["id"] as? Int))
        try fixture.expectRefused(
            ["promote", "--coordinator", id], mentioning: "the booking is confirmed; only a waitlisted booking can be promoted")
        try fixture.expectRefused(["promote", "--ccas", "Cessy", id], mentioning: id)
        try fixture.expectRefused(["promote", "--coordinator"], mentioning: "relais transport promote BOOKING")
        let refused = try fixture.transport(["promote", "--coordinator", id])
        #expect(refused.status == 65, "\(refused.status) \(refused.errors)")
    }
}
